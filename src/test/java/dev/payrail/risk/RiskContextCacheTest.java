package dev.payrail.risk;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Payments that name no customer, of a merchant without a block list, skip the fraud rules' read of
 * PostgreSQL for {@code payrail.risk.cache-ttl} (5 s by default): a change made through this pod takes
 * effect at once; one made by another pod (here: written straight into the table, as that pod would)
 * within the TTL; a payment naming a customer, or of a merchant with a block list, always reads.
 */
@QuarkusTest
class RiskContextCacheTest {

    private static final String VISA = RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic");

    /** A block-list entry as another pod's API would have written it. */
    private static void blockedElsewhere(RiskFixtures.Shop shop, String type, String value) {
        assertEquals(1, Db.update("INSERT INTO risk_blocklist (id, merchant_id, type, value, note, created_at) "
                + "VALUES (?, ?, ?, ?, 'another pod', now())", "bl_" + Long.toString(System.nanoTime(), 36), shop.id(),
                type, value));
    }

    private static void allowed(RiskFixtures.Shop shop, String body) {
        shop.pay(body).then().statusCode(201).body("risk.decision", equalTo("allow"));
    }

    private static void blocked(RiskFixtures.Shop shop, String body) {
        shop.pay(body).then().statusCode(402).body("decline_code", equalTo("fraudulent"));
    }

    @Test
    void aChangeThroughThisPodTakesEffectAtOnce() {
        var shop = RiskFixtures.shop();
        allowed(shop, VISA); // the merchant is known: default settings, no block list
        shop.settings("{\"amount_limits\":{\"USD\":500}}");
        blocked(shop, VISA);
        shop.settings("{\"amount_limits\":{\"USD\":100000}}");
        allowed(shop, VISA);
        shop.block("bin", "424242");
        blocked(shop, VISA);
    }

    @Test
    void aBlockAddedByAnotherPodIsSeenWithinTheTtl() throws Exception {
        var shop = RiskFixtures.shop();
        allowed(shop, VISA);
        blockedElsewhere(shop, "bin", "424242");
        allowed(shop, VISA); // this pod still knows the merchant as one without a block list
        Thread.sleep(5_200);
        blocked(shop, VISA);
    }

    @Test
    void aPaymentNamingACustomerAlwaysReads() {
        var shop = RiskFixtures.shop();
        String withCustomer = RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic", shop.customer("ada"));
        allowed(shop, VISA);
        blockedElsewhere(shop, "bin", "424242");
        blocked(shop, withCustomer);
    }

    @Test
    void aMerchantWithABlockListAlwaysReads() {
        var shop = RiskFixtures.shop();
        shop.block("bin", "555555");
        allowed(shop, VISA);
        blockedElsewhere(shop, "bin", "424242");
        blocked(shop, VISA);
    }
}
