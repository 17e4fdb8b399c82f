package dev.payrail.risk;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Each fraud rule, the score against the merchant's thresholds, isolation between merchants, and the metrics. */
@QuarkusTest
class RiskRulesTest {

    private static JsonPath created(RiskFixtures.Shop shop, String body) {
        return shop.pay(body).then().statusCode(201).extract().jsonPath();
    }

    private static String declined(RiskFixtures.Shop shop, String body) {
        return shop.pay(body).then().statusCode(402).body("decline_code", equalTo("fraudulent")).extract()
                .path("payment_id");
    }

    @Test
    void cardVelocityOverItsLimitAddsItsPointsAndTheScoreMeetsTheThresholds() {
        var shop = RiskFixtures.shop();
        shop.settings("{\"risk_threshold\":60,\"review_threshold\":30,"
                + "\"card_velocity\":{\"limit\":2,\"window_seconds\":600,\"points\":40}}");
        String body = RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic");
        assertEquals("allow", created(shop, body).getString("risk.decision"));
        JsonPath second = created(shop, body);
        assertEquals("allow", second.getString("risk.decision"));
        assertEquals("captured", second.getString("status"));

        JsonPath third = created(shop, body);
        assertEquals("review", third.getString("risk.decision"), "40 points: at the review threshold, under the block one");
        assertEquals(40, third.getInt("risk.score"));
        assertEquals("velocity_card", third.getString("risk.reasons[0].rule"));
        assertEquals("3 payments with this card in 600 s (limit 2)", third.getString("risk.reasons[0].detail"));
        assertEquals("open", third.getString("risk.review"));

        shop.settings("{\"card_velocity\":{\"points\":70}}");
        String blocked = declined(shop, body);
        JsonPath p = shop.payment(blocked);
        assertEquals("block", p.getString("risk.decision"));
        assertEquals(70, p.getInt("risk.score"));
        assertEquals("4 payments with this card in 600 s (limit 2)", p.getString("risk.reasons[0].detail"));

        // another card of the same merchant is not counted with it
        assertEquals("allow", created(shop, RiskFixtures.card(1000, "USD", RiskFixtures.MASTERCARD, "automatic"))
                .getString("risk.decision"));
    }

    @Test
    void aPaymentInReviewIsAuthorizedNotCapturedEvenWithAutomaticCapture() {
        var shop = RiskFixtures.shop();
        shop.settings("{\"review_threshold\":40,\"card_velocity\":{\"limit\":1,\"points\":40}}");
        String body = RiskFixtures.card(2500, "EUR", RiskFixtures.VISA, "automatic");
        created(shop, body);
        JsonPath review = created(shop, body);
        assertEquals("review", review.getString("risk.decision"));
        assertEquals("authorized", review.getString("status"));
        assertEquals(0, review.getLong("amount_captured"));
        assertEquals("manual", review.getString("capture_method"));
        assertEquals(List.of("payment.created", "payment.authorized", "payment.review_opened"),
                RiskFixtures.eventTypes(review.getString("id")));
    }

    @Test
    void customerVelocityCountsPaymentsOfOneCustomerAcrossCards() {
        var shop = RiskFixtures.shop();
        shop.settings("{\"customer_velocity\":{\"limit\":1,\"window_seconds\":3600,\"points\":80}}");
        created(shop, RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic", shop.customer("velocity1")));
        created(shop, RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic", shop.customer("other")));
        String blocked = declined(shop, RiskFixtures.card(1000, "USD", RiskFixtures.MASTERCARD, "automatic",
                shop.customer("velocity1")));
        JsonPath p = shop.payment(blocked);
        assertEquals("velocity_customer", p.getString("risk.reasons[0].rule"));
        assertEquals(80, p.getInt("risk.score"));
    }

    @Test
    void theCustomersRateLimitRefusesWithProblem429() {
        var shop = RiskFixtures.shop();
        shop.settings("{\"customer_rate_limit\":{\"limit\":2,\"window_seconds\":60}}");
        String body = RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic", shop.customer("busy"));
        created(shop, body);
        created(shop, body);
        shop.pay(body).then().statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("RATE_LIMITED")).body("limit", equalTo("customer"))
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
        // other customers, and payments without a customer, are not limited by it
        created(shop, RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic", shop.customer("calm")));
        created(shop, RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic"));
    }

    @Test
    void emailVelocityUsesTheCustomersEmailOrTheReceipt() {
        var shop = RiskFixtures.shop();
        shop.settings("{\"review_threshold\":30,\"email_velocity\":{\"limit\":2,\"points\":30}}");
        String customer = shop.api().body("{\"email\":\"Repeat@Example.com\"}").post("/api/v1/customers").then()
                .statusCode(201).extract().path("id");
        created(shop, RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic", "\"customer\":\"" + customer + "\""));
        created(shop, RiskFixtures.card(1000, "USD", RiskFixtures.MASTERCARD, "automatic",
                "\"receipt\":\"repeat@example.com\""));
        JsonPath third = created(shop, RiskFixtures.card(1000, "USD", RiskFixtures.MASTERCARD, "automatic",
                "\"receipt\":\"REPEAT@example.com\""));
        assertEquals("review", third.getString("risk.decision"));
        assertEquals("velocity_email", third.getString("risk.reasons[0].rule"));
        assertEquals("3 payments with this e-mail in 3600 s (limit 2)", third.getString("risk.reasons[0].detail"));
        // the address itself is never stored for the rules: only a keyed digest
        var stored = dev.payrail.support.Db.query("SELECT risk::text AS risk FROM payments WHERE id = ?",
                third.getString("id"));
        String risk = (String) stored.get(0).get("risk");
        assertTrue(risk.contains("\"email\"") && !risk.toLowerCase().contains("repeat@example.com"), risk);
        assertTrue(!third.prettify().contains("signals"), "signals are not part of the API");
    }

    @Test
    void aPaymentForReviewThatNoProviderCanHoldIsBlocked() {
        var shop = RiskFixtures.shop();
        shop.settings("{\"customer_velocity\":{\"limit\":1,\"points\":50}}");
        String body = "{\"amount\":1000,\"currency\":\"EUR\",\"method\":\"bank_transfer\"," + shop.customer("bt") + "}";
        created(shop, body);
        JsonPath p = shop.payment(declined(shop, body));
        assertEquals("block", p.getString("risk.decision"));
        assertEquals(50, p.getInt("risk.score"));
        assertEquals(List.of("velocity_customer", "review_unavailable"), p.getList("risk.reasons.rule"));
        assertEquals(List.of("not_sent"), p.getList("attempts.outcome"));
    }

    @Test
    void amountLimitsBlockAboveTheMerchantsLimitPerCurrency() {
        var shop = RiskFixtures.shop();
        shop.settings("{\"amount_limits\":{\"EUR\":10000}}");
        assertEquals("allow", created(shop, RiskFixtures.card(10000, "EUR", RiskFixtures.VISA, "automatic"))
                .getString("risk.decision"));
        assertEquals("allow", created(shop, RiskFixtures.card(50000, "USD", RiskFixtures.VISA, "automatic"))
                .getString("risk.decision"));
        JsonPath p = shop.payment(declined(shop, RiskFixtures.card(10001, "EUR", RiskFixtures.VISA, "automatic")));
        assertEquals("amount_limit", p.getString("risk.reasons[0].rule"));
        assertEquals("amount 10001 exceeds the limit of 10000 EUR", p.getString("risk.reasons[0].detail"));
    }

    @Test
    void anUnusualAmountForTheCustomerIsHeldForReview() {
        var shop = RiskFixtures.shop();
        shop.settings("{\"review_threshold\":30,\"unusual_amount\":{\"multiplier\":4,\"min_history\":3,\"points\":30}}");
        String customer = shop.customer("regular");
        for (int i = 0; i < 3; i++) {
            created(shop, RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic", customer));
        }
        assertEquals("allow", created(shop, RiskFixtures.card(4000, "USD", RiskFixtures.VISA, "automatic", customer))
                .getString("risk.decision"));
        JsonPath unusual = created(shop, RiskFixtures.card(9000, "USD", RiskFixtures.VISA, "automatic", customer));
        assertEquals("review", unusual.getString("risk.decision"));
        assertEquals("unusual_amount", unusual.getString("risk.reasons[0].rule"));
        assertTrue(unusual.getString("risk.reasons[0].detail").contains("customer's average of 1750 USD over 4 payments"),
                unusual.getString("risk.reasons[0].detail"));
        // a customer without history is not unusual (another card: this one is past its velocity limit by now)
        assertEquals("allow", created(shop, RiskFixtures.card(9000, "USD", RiskFixtures.MASTERCARD, "automatic",
                shop.customer("new"))).getString("risk.decision"));
    }

    @Test
    void oneMerchantsSettingsAndCountsNeverAffectAnother() {
        var strict = RiskFixtures.shop();
        var other = RiskFixtures.shop();
        strict.settings("{\"card_velocity\":{\"limit\":1,\"points\":100}}");
        String body = RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic");
        created(strict, body);
        for (int i = 0; i < 3; i++) {
            assertEquals("allow", created(other, body).getString("risk.decision"));
        }
        declined(strict, body);
        other.api().get("/api/v1/merchant/risk_settings").then().statusCode(200)
                .body("card_velocity.limit", equalTo(5)).body("risk_threshold", equalTo(75));
    }

    @Test
    void decisionsAreCountedByRuleInTheMetrics() {
        var shop = RiskFixtures.shop();
        shop.block("bin", "424242");
        declined(shop, RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("payrail_risk_decisions_total{decision=\"block\"}"), metrics);
        assertTrue(metrics.contains("payrail_risk_rules_total{decision=\"block\",rule=\"blocklist\"}"), metrics);
        assertTrue(metrics.contains("payrail_risk_decisions_total{decision=\"allow\"}")
                || metrics.contains("payrail_risk_decisions_total{decision=\"review\"}"), metrics);
    }

    @Test
    void settingsAreValidatedAndChangedFieldByField() {
        var shop = RiskFixtures.shop();
        shop.api().get("/api/v1/merchant/risk_settings").then().statusCode(200).body("risk_threshold", equalTo(75))
                .body("review_threshold", equalTo(50)).body("card_velocity.window_seconds", equalTo(3600));
        shop.api().body("{\"review_threshold\":80}").put("/api/v1/merchant/risk_settings").then().statusCode(400)
                .contentType("application/problem+json").body("param", equalTo("review_threshold"));
        shop.api().body("{\"risk_threshold\":101}").put("/api/v1/merchant/risk_settings").then().statusCode(400)
                .body("param", equalTo("risk_threshold"));
        shop.api().body("{\"amount_limits\":{\"XXX\":5}}").put("/api/v1/merchant/risk_settings").then().statusCode(400)
                .body("param", equalTo("amount_limits"));
        shop.api().body("{\"amount_limits\":{\"EUR\":0}}").put("/api/v1/merchant/risk_settings").then().statusCode(400)
                .body("param", equalTo("amount_limits.EUR"));
        shop.api().body("{\"card_velocity\":{\"window_seconds\":1}}").put("/api/v1/merchant/risk_settings").then()
                .statusCode(400).body("param", equalTo("card_velocity.window_seconds"));
        shop.api().body("{\"bogus\":1}").put("/api/v1/merchant/risk_settings").then().statusCode(400)
                .contentType("application/problem+json");
        shop.api().body("{\"risk_threshold\":90,\"card_velocity\":{\"limit\":3}}").put("/api/v1/merchant/risk_settings")
                .then().statusCode(200).body("risk_threshold", equalTo(90)).body("review_threshold", equalTo(50))
                .body("card_velocity.limit", equalTo(3)).body("card_velocity.points", equalTo(40));
        shop.api().body("{\"review_threshold\":60}").put("/api/v1/merchant/risk_settings").then().statusCode(200)
                .body("risk_threshold", equalTo(90)).body("card_velocity.limit", equalTo(3));
        shop.api().get("/api/v1/merchant/risk_settings").then().statusCode(200).body("review_threshold", equalTo(60))
                .body("amount_limits", equalTo(java.util.Map.of()));
        given().get("/api/v1/merchant/risk_settings").then().statusCode(401);
        shop.api().body("{}").put("/api/v1/merchant/risk_settings").then().statusCode(200)
                .body("risk_threshold", equalTo(90));
        shop.api().get("/api/v1/merchant/risk_settings").then().body("card_velocity.limit", equalTo(3))
                .body("review_threshold", equalTo(60));
    }
}
