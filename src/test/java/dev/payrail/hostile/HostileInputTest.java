package dev.payrail.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.RedisTestClient;
import dev.payrail.support.TestEnvironment;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A catalogue of hostile bodies, ids, query strings and headers sent to every endpoint of the API
 * (the list is checked against the OpenAPI document): never a 5xx, always problem+json with a
 * request id, and nothing stored (every table of the test schema and the idempotency keys in
 * Redis counted before and after).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    /**
     * How an endpoint is called: with the merchant's API credentials, the admin token, nothing, the
     * merchant's publishable key (the checkout's public API), or nothing as a customer's page (whose
     * refusals may be an HTML page for the customer rather than problem+json).
     */
    enum Auth { MERCHANT, ADMIN, NONE, PUBLISHABLE, PAGE }

    /** One operation of the API; {@code body} is a valid body whose strings the catalogue spoils. */
    record Endpoint(String method, String template, Auth auth, Map<String, Object> body) {
        String key() {
            return method + " " + template.replaceAll("\\{[^}]+}", "{}");
        }
    }

    /** Strings no text field may hold, as a JSON client would escape them. */
    static final List<String> HOSTILE_TEXT = List.of("a\u0000b", "\u0000", "\ud800", "x\udc00y",
            "4242 4242 4242 4242", "card 4242-4242-4242-4242 exp 12/30", "5555555555554444");

    /** Ids in paths, percent-encoded as sent. */
    static final List<String> HOSTILE_IDS = List.of("pay_abc%00", "%00", "pay_%ED%A0%80", "%E2%80%AEpay_x", "pay_x'%20OR%201=1--",
            "pay_" + "A".repeat(300), "..%2F..%2Fadmin", "pay_%C0%AF", "%25", "pay_abc%0d%0aX-Injected:%201", "mer_%F0%9F%92%B3");

    /** Query strings for the list endpoints, encoded as sent. */
    static final List<String> HOSTILE_QUERIES = List.of("order_id=order_x%00", "order_id=%ED%A0%80", "order_id=' OR 1=1--",
            "status=%00", "event_id=evt_%00", "event_type=payment.%00", "starting_after=pay_%00", "limit=%00",
            "created_gte=%00", "provider=%00", "method=%ED%A0%80", "order_id=4242424242424242");

    static final List<String> TABLES = List.of("merchants", "orders", "payments", "refunds", "events", "audit_log", "customers",
            "payment_attempts", "provider_accounts", "provider_events", "payment_jobs", "idempotency_keys",
            "payment_methods");

    String paymentId;
    String orderId;
    String customerId;
    String publishableKey;
    String merchantId;
    List<Endpoint> endpoints;

    @BeforeEach
    void setUp() {
        if (endpoints != null) {
            return; // once per class; RestAssured knows the test port only once Quarkus runs the tests
        }
        paymentId = Api.seeded().body(Bodies.cardPayment(5000, "USD", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
        orderId = Api.seeded().body(Bodies.order(700, "USD")).post("/api/v1/orders").then().statusCode(201)
                .extract().path("id");
        merchantId = Api.newMerchant()[2];
        // Read once: no request of this class rotates it (only the NUL-credentials probe reaches the rotation).
        publishableKey = Api.seeded().get("/api/v1/merchant").then().statusCode(200).extract().path("publishable_key");
        customerId = Api.seeded().body("{\"email\":\"hostile@example.com\"}").post("/api/v1/customers").then()
                .statusCode(201).extract().path("id");
        endpoints = catalogue();
    }

    List<Endpoint> catalogue() {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("number", "4242424242424242");
        card.put("expiry_month", 12);
        card.put("expiry_year", Bodies.EXP_YEAR);
        card.put("cvc", "123");
        card.put("holder_name", "Ada Lovelace");
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("amount", 1000);
        payment.put("currency", "USD");
        payment.put("method", "card");
        payment.put("capture", "automatic");
        payment.put("card", card);
        payment.put("metadata", new LinkedHashMap<>(Map.of("note", "gift")));
        payment.put("receipt", "rcpt-1");
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("amount", 1000);
        order.put("currency", "USD");
        order.put("receipt", "rcpt-1");
        order.put("notes", new LinkedHashMap<>(Map.of("customer", "c-1")));
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("url", "https://hooks.example.com/payrail");
        webhook.put("enabled_events", List.of("payment.succeeded"));
        webhook.put("enabled", true);
        Map<String, Object> merchant = new LinkedHashMap<>();
        merchant.put("name", "Hostile Shop");
        merchant.put("email", "shop@example.com");
        merchant.put("webhook_url", "https://hooks.example.com/shop");
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("email", "ada@example.com");
        customer.put("name", "Ada Lovelace");
        customer.put("phone", "+442071234567");
        customer.put("description", "regular");
        customer.put("metadata", new LinkedHashMap<>(Map.of("crm", "42")));
        Map<String, Object> checkoutCard = new LinkedHashMap<>(card);
        Map<String, Object> checkoutPayment = new LinkedHashMap<>();
        checkoutPayment.put("method", "card");
        checkoutPayment.put("card", checkoutCard);
        checkoutPayment.put("customer", new LinkedHashMap<>(Map.of("email", "ada@example.com", "contact", "+15555550100")));
        Map<String, Object> checkoutSettings = new LinkedHashMap<>();
        checkoutSettings.put("allowed_origins", List.of("https://shop.example"));
        checkoutSettings.put("logo_url", "https://shop.example/logo.png");
        Map<String, Object> razorpay = new LinkedHashMap<>();
        razorpay.put("razorpay_order_id", "order_abc");
        razorpay.put("razorpay_payment_id", "pay_abc");
        razorpay.put("razorpay_signature", "0123abcd");
        return List.of(
                new Endpoint("POST", "/api/v1/orders", Auth.MERCHANT, order),
                new Endpoint("GET", "/api/v1/orders", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/orders/{id}", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/orders/{id}/payments", Auth.MERCHANT, null),
                new Endpoint("POST", "/api/v1/payments", Auth.MERCHANT, payment),
                new Endpoint("GET", "/api/v1/payments", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/payments/{id}", Auth.MERCHANT, null),
                new Endpoint("POST", "/api/v1/payments/{id}/capture", Auth.MERCHANT, Map.of("amount", 100)),
                new Endpoint("POST", "/api/v1/payments/{id}/cancel", Auth.MERCHANT, null),
                new Endpoint("POST", "/api/v1/payments/{id}/refunds", Auth.MERCHANT,
                        new LinkedHashMap<>(Map.of("amount", 100, "reason", "requested_by_customer"))),
                new Endpoint("GET", "/api/v1/payments/{id}/refunds", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/refunds/{id}", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/disputes", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/disputes/{id}", Auth.MERCHANT, null),
                new Endpoint("POST", "/api/v1/disputes/{id}/evidence", Auth.MERCHANT,
                        new LinkedHashMap<>(Map.of("evidence", new LinkedHashMap<>(Map.of("product_description", "Annual plan")),
                                "submit", false))),
                new Endpoint("POST", "/api/v1/disputes/{id}/accept", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/merchant", Auth.MERCHANT, null),
                new Endpoint("POST", "/api/v1/merchant/publishable_key/rotate", Auth.MERCHANT, null),
                new Endpoint("PUT", "/api/v1/merchant/checkout_settings", Auth.MERCHANT, checkoutSettings),
                new Endpoint("GET", "/api/v1/merchant/three_d_secure", Auth.MERCHANT, null),
                new Endpoint("PUT", "/api/v1/merchant/three_d_secure", Auth.MERCHANT, new LinkedHashMap<>(Map.of(
                        "mode", "threshold", "default_threshold", 3000, "thresholds", new LinkedHashMap<>(Map.of("USD", 3000))))),
                new Endpoint("GET", "/checkout", Auth.PAGE, null),
                new Endpoint("GET", "/checkout/assets/checkout-page.js", Auth.PAGE, null),
                new Endpoint("GET", "/checkout/assets/checkout.css", Auth.PAGE, null),
                new Endpoint("GET", "/v1/checkout.js", Auth.PAGE, null),
                new Endpoint("GET", "/v1/checkout.json", Auth.NONE, null),
                new Endpoint("GET", "/v1/checkout/orders/{orderId}", Auth.PUBLISHABLE, null),
                new Endpoint("POST", "/v1/checkout/orders/{orderId}/payments", Auth.PUBLISHABLE, checkoutPayment),
                new Endpoint("GET", "/v1/checkout/orders/{orderId}/payments/{paymentId}", Auth.PUBLISHABLE, null),
                new Endpoint("POST", "/api/v1/customers", Auth.MERCHANT, customer),
                new Endpoint("GET", "/api/v1/customers", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/customers/{id}", Auth.MERCHANT, null),
                new Endpoint("PATCH", "/api/v1/customers/{id}", Auth.MERCHANT, customer),
                new Endpoint("DELETE", "/api/v1/customers/{id}", Auth.MERCHANT, null),
                // fraud rules (issue 20): block list, risk settings, review of a held payment
                new Endpoint("POST", "/api/v1/risk/blocklist", Auth.MERCHANT,
                        new LinkedHashMap<>(Map.of("type", "email", "value", "hostile@example.com", "note", "chargeback"))),
                new Endpoint("GET", "/api/v1/risk/blocklist", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/risk/blocklist/{id}", Auth.MERCHANT, null),
                new Endpoint("DELETE", "/api/v1/risk/blocklist/{id}", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/merchant/risk_settings", Auth.MERCHANT, null),
                new Endpoint("PUT", "/api/v1/merchant/risk_settings", Auth.MERCHANT,
                        new LinkedHashMap<>(Map.of("risk_threshold", 80, "review_threshold", 50))),
                new Endpoint("POST", "/api/v1/payments/{id}/review/approve", Auth.MERCHANT, null),
                new Endpoint("POST", "/api/v1/payments/{id}/review/reject", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/customers/{id}/payment_methods", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/customers/{id}/payment_methods/{paymentMethodId}", Auth.MERCHANT, null),
                new Endpoint("DELETE", "/api/v1/customers/{id}/payment_methods/{paymentMethodId}", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/providers", Auth.MERCHANT, null),
                new Endpoint("PATCH", "/api/v1/providers", Auth.MERCHANT, Map.of("reorder_by_success_rate", true)),
                new Endpoint("POST", "/api/v1/providers/razorpay/verify-checkout-signature", Auth.MERCHANT, razorpay),
                new Endpoint("PUT", "/api/v1/providers/{provider}/credentials", Auth.MERCHANT,
                        new LinkedHashMap<>(Map.of("secret_key", "sk_test_hostile"))),
                new Endpoint("PATCH", "/api/v1/providers/{provider}", Auth.MERCHANT,
                        new LinkedHashMap<>(Map.of("enabled", true, "priority", 1))),
                new Endpoint("GET", "/api/v1/webhook-endpoint", Auth.MERCHANT, null),
                new Endpoint("PUT", "/api/v1/webhook-endpoint", Auth.MERCHANT, webhook),
                new Endpoint("POST", "/api/v1/webhook-endpoint/rotate-secret", Auth.MERCHANT, null),
                new Endpoint("POST", "/api/v1/webhook-endpoint/test", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/webhook-deliveries", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/webhook-deliveries/{id}", Auth.MERCHANT, null),
                new Endpoint("POST", "/api/v1/webhook-deliveries/{id}/retry", Auth.MERCHANT, null),
                new Endpoint("POST", "/api/v1/events/{id}/redeliver", Auth.MERCHANT, null),
                // reports (issue 21)
                new Endpoint("GET", "/api/v1/reports/transactions", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/reports/transactions.csv", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/reports/settlement", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/reports/settlement.csv", Auth.MERCHANT, null),
                // subscriptions and invoices (issue 21)
                new Endpoint("POST", "/api/v1/products", Auth.MERCHANT, new LinkedHashMap<>(Map.of("name", "Pro plan",
                        "description", "monthly", "metadata", new LinkedHashMap<>(Map.of("tier", "pro"))))),
                new Endpoint("GET", "/api/v1/products", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/products/{id}", Auth.MERCHANT, null),
                new Endpoint("POST", "/api/v1/products/{id}/archive", Auth.MERCHANT, null),
                new Endpoint("POST", "/api/v1/prices", Auth.MERCHANT, new LinkedHashMap<>(Map.of("product",
                        "prod_hostile000000000", "unit_amount", 1500, "currency", "USD", "nickname", "monthly",
                        "recurring", new LinkedHashMap<>(Map.of("interval", "month", "interval_count", 1))))),
                new Endpoint("GET", "/api/v1/prices", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/prices/{id}", Auth.MERCHANT, null),
                new Endpoint("POST", "/api/v1/prices/{id}/archive", Auth.MERCHANT, null),
                new Endpoint("POST", "/api/v1/subscriptions", Auth.MERCHANT, new LinkedHashMap<>(Map.of("customer",
                        customerId, "price", "price_hostile00000000", "trial_end", "2030-01-01T00:00:00Z",
                        "metadata", new LinkedHashMap<>(Map.of("plan", "pro"))))),
                new Endpoint("GET", "/api/v1/subscriptions", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/subscriptions/{id}", Auth.MERCHANT, null),
                new Endpoint("POST", "/api/v1/subscriptions/{id}/cancel", Auth.MERCHANT, null),
                new Endpoint("POST", "/api/v1/subscriptions/{id}/pause", Auth.MERCHANT, null),
                new Endpoint("POST", "/api/v1/subscriptions/{id}/resume", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/invoices", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/invoices/{id}", Auth.MERCHANT, null),
                new Endpoint("GET", "/api/v1/invoices/{id}/html", Auth.MERCHANT, null),
                new Endpoint("POST", "/api/v1/invoices/{id}/void", Auth.MERCHANT, null),
                new Endpoint("GET", "/invoices/hosted/{token}", Auth.NONE, null),
                new Endpoint("POST", "/invoices/hosted/{token}/pay", Auth.NONE, null),
                new Endpoint("POST", "/admin/v1/merchants", Auth.ADMIN, merchant),
                new Endpoint("GET", "/admin/v1/merchants", Auth.ADMIN, null),
                new Endpoint("GET", "/admin/v1/merchants/{id}", Auth.ADMIN, null),
                new Endpoint("POST", "/admin/v1/merchants/{id}/rotate-secret", Auth.ADMIN, null),
                new Endpoint("PUT", "/admin/v1/merchants/{id}/rate-limit", Auth.ADMIN,
                        new LinkedHashMap<>(Map.of("per_second", 10, "burst", 20))),
                new Endpoint("POST", "/admin/v1/merchants/{id}/deactivate", Auth.ADMIN, null),
                new Endpoint("POST", "/admin/v1/merchants/{id}/dashboard-users", Auth.ADMIN, new LinkedHashMap<>(
                        Map.of("email", "hostile-" + Long.toString(System.nanoTime(), 36) + "@example.com", "role", "viewer"))),
                new Endpoint("POST", "/admin/v1/payments/{id}/confirm-bank-transfer", Auth.ADMIN, null),
                new Endpoint("POST", "/webhooks/{provider}", Auth.NONE, Map.of("type", "payment.succeeded")),
                new Endpoint("POST", "/webhooks/{provider}/{merchantId}", Auth.NONE, Map.of("type", "payment.succeeded")),
                new Endpoint("GET", "/paypal/return/{paymentId}", Auth.NONE, null),
                new Endpoint("GET", "/paypal/cancel/{paymentId}", Auth.NONE, null),
                new Endpoint("GET", "/pagadito/return", Auth.NONE, null),
                new Endpoint("GET", "/pagadito/return/{merchantId}", Auth.NONE, null),
                new Endpoint("GET", "/alipay/return/{paymentId}", Auth.NONE, null),
                new Endpoint("GET", "/health", Auth.NONE, null));
    }

    @Test
    void theCatalogueCoversEveryOperationOfTheOpenApiDocument() {
        Map<String, Object> paths = RestAssured.given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        TreeSet<String> documented = new TreeSet<>();
        paths.forEach((path, ops) -> {
            if (path.startsWith("/sandbox/") || path.startsWith("/admin/v1/sandbox/") || path.startsWith("/simulator/")
                    || path.startsWith("/test-public/")) {
                return; // emulators and the simulator exist in the sandbox flavour only; /test-public is a test resource
            }
            for (String method : ((Map<String, Object>) ops).keySet()) {
                if (List.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                    documented.add(method.toUpperCase() + " " + path.replaceAll("\\{[^}]+}", "{}"));
                }
            }
        });
        TreeSet<String> catalogued = new TreeSet<>();
        endpoints.forEach(e -> catalogued.add(e.key()));
        assertTrue(documented.size() >= 30, "the OpenAPI document lists the API: " + documented);
        assertEquals(documented, catalogued);
    }

    @Test
    void hostileTextInEveryStringOfEveryBodyIsRefusedNamingTheField() {
        Map<String, Long> before = counts();
        int sent = 0;
        for (Endpoint e : endpoints) {
            if (e.body() == null || e.template().startsWith("/webhooks/")) {
                continue; // provider webhooks are raw signed bytes: see structurallyHostileBodiesAreRefusedEverywhere
            }
            for (List<Object> path : stringPaths(e.body(), new ArrayList<>())) {
                for (String text : HOSTILE_TEXT) {
                    // card.number holds a card number; a credential value is an encrypted secret that is
                    // never logged, and a provider's ids may be Luhn-valid digit runs (ProviderCredentialsTest)
                    boolean cardNumberField = path.equals(List.of("card", "number"))
                            || e.template().endsWith("/credentials");
                    if (cardNumberField && !text.contains("\u0000") && !text.matches(".*[\\ud800-\\udfff].*")) {
                        continue;
                    }
                    String body = json(replaceAt(e.body(), path, text));
                    Response r = send(e, request(e).body(body.getBytes(StandardCharsets.UTF_8)));
                    String where = e.key() + " " + path + " = " + escape(text);
                    assertAnswer(e, r, where);
                    assertEquals(400, r.statusCode(), where + ": " + r.asString());
                    assertEquals(dotted(path), r.path("param"), where + ": " + r.asString());
                    assertFalse(r.asString().contains("4242"), where + " echoes the card number: " + r.asString());
                    sent++;
                }
            }
            for (String key : List.of("metadata", "notes", "secret_key")) {
                if (e.body().get(key) instanceof Map<?, ?>) {
                    Map<String, Object> spoiled = new LinkedHashMap<>(e.body());
                    spoiled.put(key, Map.of("k\u0000", "v"));
                    Response r = send(e, request(e).body(json(spoiled).getBytes(StandardCharsets.UTF_8)));
                    assertProblem(r, e.key() + " NUL in a key of " + key);
                    assertEquals(400, r.statusCode(), r.asString());
                    sent++;
                }
            }
        }
        assertTrue(sent > 100, "hostile bodies sent: " + sent);
        assertEquals(before, counts());
    }

    @Test
    void structurallyHostileBodiesAreRefusedEverywhere() {
        Map<String, Long> before = counts();
        for (Endpoint e : endpoints) {
            if (e.body() == null) {
                continue;
            }
            String valid = json(e.body());
            String firstKey = e.body().keySet().iterator().next();
            Map<String, byte[]> bodies = new LinkedHashMap<>();
            bodies.put("duplicate key", ("{\"" + firstKey + "\":" + json(e.body().get(firstKey)) + ","
                    + valid.substring(1)).getBytes(StandardCharsets.UTF_8));
            bodies.put("truncated", valid.substring(0, valid.length() / 2).getBytes(StandardCharsets.UTF_8));
            bodies.put("trailing garbage", (valid + "}").getBytes(StandardCharsets.UTF_8));
            bodies.put("raw NUL byte", ("{\"" + firstKey + "\":\"a\u0000b\"}").getBytes(StandardCharsets.UTF_8));
            bodies.put("CESU surrogate bytes", concat("{\"" + firstKey + "\":\"a", new byte[] { (byte) 0xED, (byte) 0xA0,
                    (byte) 0x80 }, "\"}"));
            bodies.put("invalid UTF-8", concat("{\"" + firstKey + "\":\"a", new byte[] { (byte) 0xC3, (byte) 0x28 }, "\"}"));
            bodies.put("NUL key", "{\"\\u0000\":1}".getBytes(StandardCharsets.UTF_8));
            bodies.put("deep nesting", ("{\"" + firstKey + "\":" + "[".repeat(5000) + "]".repeat(5000) + "}")
                    .getBytes(StandardCharsets.UTF_8));
            bodies.put("array", "[1,2,3]".getBytes(StandardCharsets.UTF_8));
            bodies.put("scalar", "\"\\u0000\"".getBytes(StandardCharsets.UTF_8));
            bodies.put("huge number", ("{\"" + firstKey + "\":1" + "0".repeat(400) + "}").getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> b : bodies.entrySet()) {
                Response r = send(e, request(e).body(b.getValue()));
                String where = e.key() + " " + b.getKey();
                assertAnswer(e, r, where);
                assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, where + ": " + r.statusCode() + " " + r.asString());
            }
        }
        assertEquals(before, counts());
    }

    @Test
    void duplicateKeysAndMalformedJsonAreNamed() {
        Response dup = Api.seeded().body("{\"amount\":1,\"amount\":1999,\"currency\":\"USD\"}").post("/api/v1/orders");
        assertEquals(400, dup.statusCode(), dup.asString());
        assertEquals("amount", dup.path("param"));
        Response nested = Api.seeded().body("{\"amount\":1,\"currency\":\"USD\",\"notes\":{\"a\":1,\"a\":2}}")
                .post("/api/v1/orders");
        assertEquals(400, nested.statusCode(), nested.asString());
        assertEquals("notes.a", nested.path("param"));
        Response truncated = Api.seeded().body("{\"amount\":100,\"currency\":\"US").post("/api/v1/orders");
        assertEquals(400, truncated.statusCode(), truncated.asString());
        assertEquals("truncated_json", truncated.path("reason"));
        assertEquals(Integer.valueOf(1), truncated.path("line"));
        assertTrue(truncated.<String>path("detail").contains("line 1, column"), truncated.asString());
        Response malformed = Api.seeded().body("{\n\"amount\": 100,\n\"currency\": USD}").post("/api/v1/orders");
        assertEquals(400, malformed.statusCode(), malformed.asString());
        assertEquals("malformed_json", malformed.path("reason"));
        assertEquals(Integer.valueOf(3), malformed.path("line"));
    }

    @Test
    void hostileIdsInEveryPathAreNotFoundBeforeAnyQuery() {
        Map<String, Long> before = counts();
        for (Endpoint e : endpoints) {
            if (!e.template().contains("{")) {
                continue;
            }
            for (String id : HOSTILE_IDS) {
                String path = e.template().replaceAll("\\{[^}]+}", id);
                RequestSpecification spec = request(e).urlEncodingEnabled(false);
                if (e.body() != null) {
                    spec = spec.body(json(e.body()));
                }
                Response r = spec.request(e.method(), path);
                String where = e.key() + " with " + id;
                assertAnswer(e, r, where);
                assertTrue(r.statusCode() == 404 || r.statusCode() == 400, where + ": " + r.statusCode() + " " + r.asString());
            }
        }
        assertEquals(before, counts());
    }

    @Test
    void hostileQueryFiltersAreBadRequests() {
        int refused = 0;
        for (Endpoint e : endpoints) {
            if (!e.method().equals("GET") || e.template().contains("{")) {
                continue;
            }
            for (String query : HOSTILE_QUERIES) {
                Response r = request(e).urlEncodingEnabled(false).get(e.template() + "?" + query.replace(" ", "%20"));
                String where = e.key() + "?" + query;
                assertTrue(r.statusCode() < 500, where + ": " + r.statusCode() + " " + r.asString());
                if (r.statusCode() >= 400) {
                    assertAnswer(e, r, where);
                }
                if (query.contains("%00") || e.template().equals("/api/v1/payments")) {
                    // NUL anywhere, and every malformed filter of the payment list (order_id must be an order id)
                    assertEquals(400, r.statusCode(), where + ": " + r.asString());
                    refused++;
                }
            }
        }
        assertTrue(refused > 40, "refused queries: " + refused);
    }

    @Test
    void hostileHeadersNeverEarnA5xx() {
        Map<String, Long> before = counts();
        String nulBasic = "Basic " + Base64.getEncoder().encodeToString((Api.SEED_KEY + "\u0000:" + Api.seedSecret())
                .getBytes(StandardCharsets.UTF_8));
        List<Function<RequestSpecification, RequestSpecification>> headers = List.of(
                s -> s.header("Idempotency-Key", "k\u00e9y"),
                s -> s.header("Idempotency-Key", "k".repeat(400)),
                s -> s.header("X-Request-Id", "<script>" + "x".repeat(300)),
                s -> s.header("Content-Type", "application/json; charset=utf-16"),
                s -> s.header("Content-Type", "text/plain"),
                s -> s.header("Accept", "application/xml"),
                s -> s.header("Prefer", "respond-async; x=\u00ff"));
        for (Endpoint e : endpoints) {
            String path = concrete(e);
            for (var header : headers) {
                RequestSpecification spec = header.apply(request(e));
                if (e.body() != null) {
                    List<List<Object>> strings = stringPaths(e.body(), new ArrayList<>());
                    spec = spec.body(strings.isEmpty() ? "{\"\\u0000\":1}" : json(replaceAt(e.body(), strings.get(0), "\u0000")));
                } else if (!e.method().equals("GET")) {
                    continue; // a bodyless action with a valid id would really run
                }
                Response r = spec.request(e.method(), path);
                assertTrue(r.statusCode() < 500, e.key() + ": " + r.statusCode() + " " + r.asString());
                if (r.statusCode() >= 400) {
                    assertAnswer(e, r, e.key());
                }
            }
            Response basic = RestAssured.given().header("Authorization", nulBasic).contentType("application/json")
                    .request(e.method(), path);
            assertTrue(basic.statusCode() < 500, e.key() + " NUL in Basic credentials: " + basic.asString());
        }
        assertEquals(before, counts());
    }

    @Test
    void cardNumbersInFreeTextAreNeverStored() {
        String pan = "4242 4242 4242 4242";
        Response r = Api.seeded().body(Bodies.cardPayment(900, "USD", "4242424242424242", "automatic")
                .replace("Ada Lovelace", pan)).post("/api/v1/payments");
        assertEquals(400, r.statusCode(), r.asString());
        assertEquals("card.holder_name", r.path("param"));
        assertEquals("card_number", r.path("reason"));
        Response ok = Api.seeded().body(Bodies.cardPayment(900, "USD", "4242424242424242", "automatic")
                .replace("Ada Lovelace", "Room 4242, order 12345678")).post("/api/v1/payments");
        assertEquals(201, ok.statusCode(), "digits that are no card number are fine: " + ok.asString());
        for (String table : List.of("payments", "orders", "events", "refunds", "audit_log")) {
            long hits = (long) Db.one("SELECT count(*) AS n FROM " + table + " t WHERE regexp_replace(t::text, '[ -]', '', 'g') LIKE '%4242424242424242%'").get("n");
            assertEquals(0, hits, "card number stored in " + table);
        }
    }

    @Test
    void aRequestIdThatLooksLikeACardNumberIsReplaced() {
        Response id = Api.seeded().header("X-Request-Id", "4242424242424242").get("/api/v1/merchant");
        assertEquals(200, id.statusCode());
        assertFalse(id.header("X-Request-Id").contains("4242424242424242"), id.header("X-Request-Id"));
        assertEquals("req-ok.1", Api.seeded().header("X-Request-Id", "req-ok.1").get("/api/v1/merchant").header("X-Request-Id"));
    }

    // ---------- helpers ----------

    RequestSpecification request(Endpoint e) {
        RequestSpecification spec = switch (e.auth()) {
            case MERCHANT -> Api.seeded();
            case ADMIN -> Api.admin();
            case NONE, PAGE -> RestAssured.given().contentType("application/json");
            case PUBLISHABLE -> RestAssured.given().contentType("application/json")
                    .header("X-Publishable-Key", publishableKey);
        };
        return spec.header("Idempotency-Key", "hostile-" + System.nanoTime());
    }

    Response send(Endpoint e, RequestSpecification spec) {
        return spec.request(e.method(), concrete(e));
    }

    /** The template with ids of real objects, so that a body that passed would really act. */
    String concrete(Endpoint e) {
        String path = e.template();
        if (path.startsWith("/admin/v1/merchants/") || path.startsWith("/webhooks/{provider}/")
                || path.startsWith("/pagadito/return/")) {
            path = path.replace("{id}", merchantId).replace("{merchantId}", merchantId);
        }
        if (path.startsWith("/api/v1/orders/")) {
            path = path.replace("{id}", orderId);
        }
        if (path.startsWith("/api/v1/customers/")) {
            path = path.replace("{id}", customerId).replace("{paymentMethodId}", "pm_hostileUnknown0000");
        }
        path = path.replace("{orderId}", orderId);
        path = path.replace("{token}", "hin_" + "0".repeat(32)); // an unknown hosted invoice
        return path.replace("{provider}", path.startsWith("/webhooks/") ? "simulator" : "stripe")
                .replace("{id}", paymentId).replace("{paymentId}", paymentId);
    }

    /** A refusal is problem+json, except that a customer's page may answer with an HTML page. */
    static void assertAnswer(Endpoint e, Response r, String where) {
        if (e.auth() == Auth.PAGE && String.valueOf(r.contentType()).startsWith("text/html")) {
            assertTrue(r.statusCode() < 500 && !r.asString().isEmpty(), where + ": " + r.statusCode());
            return;
        }
        assertProblem(r, where);
    }

    static void assertProblem(Response r, String where) {
        assertTrue(r.statusCode() < 500, where + ": " + r.statusCode() + " " + r.asString());
        assertTrue(r.statusCode() >= 400, where + ": accepted with " + r.statusCode() + " " + r.asString());
        assertTrue(String.valueOf(r.contentType()).startsWith("application/problem+json"),
                where + ": content type " + r.contentType() + " " + r.asString());
        Object requestId = r.path("request_id");
        assertTrue(requestId instanceof String s && !s.isEmpty(), where + ": no request_id " + r.asString());
        assertEquals(requestId, r.header("X-Request-Id"), where);
    }

    /** Rows of every table of the test schema, and idempotency keys in Redis. */
    static Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : TABLES) {
            // The reconciler's status queries are no request's doing: it polls payers away from Payrail meanwhile.
            String sql = table.equals("payment_attempts")
                    ? "SELECT count(*) AS n FROM payment_attempts WHERE operation NOT IN ('status', 'refund_status')"
                    : "SELECT count(*) AS n FROM " + table;
            counts.put(table, (Long) Db.one(sql).get("n"));
        }
        try (RedisTestClient redis = RedisTestClient.fromConfig()) {
            counts.put("redis idempotency keys", (long) redis.keys(TestEnvironment.REDIS_PREFIX + "idem:").size());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    @SuppressWarnings("unchecked")
    static List<List<Object>> stringPaths(Object node, List<Object> at) {
        List<List<Object>> found = new ArrayList<>();
        if (node instanceof String) {
            found.add(List.copyOf(at));
        } else if (node instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
                at.add(entry.getKey());
                found.addAll(stringPaths(entry.getValue(), at));
                at.remove(at.size() - 1);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                at.add(i);
                found.addAll(stringPaths(list.get(i), at));
                at.remove(at.size() - 1);
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    static Object replaceAt(Object node, List<Object> path, String value) {
        if (path.isEmpty()) {
            return node instanceof String ? value : node;
        }
        Object head = path.get(0);
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
            copy.put((String) head, replaceAt(copy.get(head), path.subList(1, path.size()), value));
            return copy;
        }
        List<Object> copy = new ArrayList<>((List<Object>) node);
        copy.set((Integer) head, replaceAt(copy.get((Integer) head), path.subList(1, path.size()), value));
        return copy;
    }

    static Map<String, Object> replaceAt(Map<String, Object> body, List<Object> path, String value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) replaceAt((Object) body, path, value);
        return copy;
    }

    static String dotted(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object p : path) {
            if (p instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(p);
            }
        }
        return sb.toString();
    }

    /** JSON with every character outside printable ASCII escaped, as a careful client sends it. */
    @SuppressWarnings("unchecked")
    static String json(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "\"" + escape(s) + "\"";
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            ((Map<String, Object>) map).forEach((k, v) -> {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append(json(k)).append(':').append(json(v));
            });
            return sb.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : list) {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append(json(o));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(value);
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static byte[] concat(String head, byte[] middle, String tail) {
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + middle.length + t.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(middle, 0, all, h.length, middle.length);
        System.arraycopy(t, 0, all, h.length + middle.length, t.length);
        return all;
    }
}
