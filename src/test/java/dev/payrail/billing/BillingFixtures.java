package dev.payrail.billing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.restassured.path.json.JsonPath;

/** A merchant routing to the simulator, its customers with saved cards, products and prices, through the API. */
final class BillingFixtures {

    static final String VISA = "4242424242424242";
    /** Saves fine, every later charge of the saved card is declined (MagicCards.DECLINES_AFTER_SAVE). */
    static final String DECLINES_AFTER_SAVE = "4000000000000341";

    private BillingFixtures() {
    }

    /**
     * A new merchant routing to the simulator. Its fraud rules' velocity limits are raised: a test
     * charges a year of monthly invoices within seconds of real time, which the default rules would
     * rightly find suspicious (and hold for review).
     */
    static Providers.Merchant merchant() {
        Providers.Merchant m = Providers.routingTo("simulator");
        String many = "{\"limit\":10000,\"window_seconds\":60}";
        m.api().body("{\"card_velocity\":" + many + ",\"email_velocity\":" + many + ",\"ip_velocity\":" + many
                + ",\"customer_velocity\":" + many + ",\"customer_rate_limit\":" + many
                + ",\"unusual_amount\":{\"multiplier\":0}}").put("/api/v1/merchant/risk_settings").then().statusCode(200);
        return m;
    }

    static String customer(Providers.Merchant m) {
        return m.api().header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"email\":\"sub." + Long.toString(System.nanoTime(), 36) + "@example.com\",\"name\":\"Ada Lovelace\"}")
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
    }

    /** Saves {@code pan} for the customer with a small payment; the saved method's id. */
    static String saveCard(Providers.Merchant m, String customer, String pan) {
        String body = "{\"amount\":100,\"currency\":\"USD\",\"method\":\"card\",\"card\":" + Bodies.card(pan)
                + ",\"customer\":\"" + customer + "\",\"save_payment_method\":true}";
        return m.api().header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post("/api/v1/payments")
                .then().statusCode(201).extract().path("payment_method");
    }

    static void setDefault(Providers.Merchant m, String customer, String pm) {
        m.api().body("{\"default_payment_method\":\"" + pm + "\"}").patch("/api/v1/customers/" + customer).then()
                .statusCode(200);
    }

    static String product(Providers.Merchant m, String name) {
        return m.api().header("Idempotency-Key", UUID.randomUUID().toString()).body("{\"name\":\"" + name + "\"}")
                .post("/api/v1/products").then().statusCode(201).extract().path("id");
    }

    static String price(Providers.Merchant m, String product, long amount, String interval, int count) {
        return m.api().header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"product\":\"" + product + "\",\"unit_amount\":" + amount + ",\"currency\":\"USD\","
                        + "\"recurring\":{\"interval\":\"" + interval + "\",\"interval_count\":" + count + "}}")
                .post("/api/v1/prices").then().statusCode(201).extract().path("id");
    }

    static JsonPath subscribe(Providers.Merchant m, String body) {
        return m.api().header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post("/api/v1/subscriptions")
                .then().statusCode(201).extract().jsonPath();
    }

    static JsonPath get(Providers.Merchant m, String path) {
        return m.api().get(path).then().statusCode(200).extract().jsonPath();
    }

    /** The merchant's payments made for invoices: idempotency key, status, amount, payment method; oldest first. */
    static List<Map<String, Object>> invoicePayments(Providers.Merchant m) {
        return Db.query("SELECT id, idempotency_key, status, amount, payment_method_id, off_session FROM payments"
                + " WHERE merchant_id = ? AND idempotency_key LIKE 'invoice:%' ORDER BY created_at, id", m.id());
    }

    /** The merchant's invoices oldest first, straight from the table. */
    static List<Map<String, Object>> invoiceRows(Providers.Merchant m) {
        return Db.query("SELECT * FROM invoices WHERE merchant_id = ? ORDER BY number", m.id());
    }

    static List<String> eventTypes(Providers.Merchant m) {
        return Db.query("SELECT type FROM events WHERE merchant_id = ? ORDER BY created_at, id", m.id()).stream()
                .map(r -> (String) r.get("type")).toList();
    }

    static Instant instant(String iso) {
        return Instant.parse(iso);
    }
}
