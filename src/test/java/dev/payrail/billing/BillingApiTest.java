package dev.payrail.billing;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The billing API: validation errors as problem+json naming the field, idempotent creates, cursor
 * pagination, archiving, a subscription without a trial charged at once (and its invoice's HTML and
 * hosted page), a first charge that fails, void, pause and resume, cancel now, and merchant isolation.
 */
@QuarkusTest
class BillingApiTest {

    @Inject
    SubscriptionScheduler scheduler;

    private static void refused(Response r, int status, String param) {
        r.then().statusCode(status).contentType(startsWith("application/problem+json"));
        if (param != null) {
            r.then().body("param", equalTo(param));
        }
    }

    private static Response post(Providers.Merchant m, String path, String body) {
        return m.api().header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post(path);
    }

    @Test
    void invalidProductsPricesAndSubscriptionsAreRefusedNamingTheField() {
        var m = BillingFixtures.merchant();
        String product = BillingFixtures.product(m, "Basic");
        String cus = BillingFixtures.customer(m);

        refused(post(m, "/api/v1/products", "{}"), 400, "name");
        refused(post(m, "/api/v1/products", "{\"name\":\"   \"}"), 400, "name");
        refused(post(m, "/api/v1/products", "{\"name\":\"x\",\"colour\":\"red\"}"), 400, null);

        String ok = "\"product\":\"" + product + "\",\"currency\":\"USD\"";
        refused(post(m, "/api/v1/prices", "{" + ok + ",\"unit_amount\":0,\"recurring\":{\"interval\":\"month\"}}"), 400,
                "unit_amount");
        refused(post(m, "/api/v1/prices", "{" + ok + ",\"unit_amount\":\"100\",\"recurring\":{\"interval\":\"month\"}}"),
                400, null);
        refused(post(m, "/api/v1/prices", "{" + ok + ",\"unit_amount\":100,\"recurring\":{\"interval\":\"fortnight\"}}"),
                400, "recurring.interval");
        refused(post(m, "/api/v1/prices", "{" + ok + ",\"unit_amount\":100,\"recurring\":{\"interval\":\"month\","
                + "\"interval_count\":0}}"), 400, "recurring.interval_count");
        refused(post(m, "/api/v1/prices", "{" + ok + ",\"unit_amount\":100}"), 400, "recurring");
        refused(post(m, "/api/v1/prices", "{\"product\":\"" + product + "\",\"currency\":\"XXX\",\"unit_amount\":100,"
                + "\"recurring\":{\"interval\":\"month\"}}"), 400, "currency");
        refused(post(m, "/api/v1/prices", "{\"product\":\"prod_unknown000000000\",\"currency\":\"USD\",\"unit_amount\":100,"
                + "\"recurring\":{\"interval\":\"month\"}}"), 404, "product");

        String price = BillingFixtures.price(m, product, 500, "week", 2);
        String base = "\"customer\":\"" + cus + "\",\"price\":\"" + price + "\"";
        // The customer has no saved card yet.
        refused(post(m, "/api/v1/subscriptions", "{" + base + "}"), 400, "customer");
        BillingFixtures.saveCard(m, cus, BillingFixtures.VISA);
        refused(post(m, "/api/v1/subscriptions", "{" + base + ",\"quantity\":0}"), 400, "quantity");
        refused(post(m, "/api/v1/subscriptions", "{" + base + ",\"trial_period_days\":7,\"trial_end\":\""
                + Instant.now().plus(Duration.ofDays(3)) + "\"}"), 400, "trial_end");
        refused(post(m, "/api/v1/subscriptions", "{" + base + ",\"trial_end\":\"" + Instant.now().minusSeconds(60) + "\"}"),
                400, "trial_end");
        refused(post(m, "/api/v1/subscriptions", "{" + base + ",\"trial_end\":\"next tuesday\"}"), 400, "trial_end");
        refused(post(m, "/api/v1/subscriptions", "{" + base + ",\"trial_period_days\":3,\"billing_cycle_anchor\":\""
                + Instant.now().plus(Duration.ofDays(9)) + "\"}"), 400, "billing_cycle_anchor");
        refused(post(m, "/api/v1/subscriptions", "{\"customer\":\"cus_unknown0000000000\",\"price\":\"" + price + "\"}"),
                404, "customer");
        refused(post(m, "/api/v1/subscriptions", "{\"customer\":\"" + cus + "\",\"price\":\"price_unknown00000000\"}"),
                404, "price");
        refused(post(m, "/api/v1/subscriptions", "{\"customer\":\"" + cus + "\",\"price\":\"pay_x\"}"), 400, "price");
        refused(post(m, "/api/v1/subscriptions", "{" + base + ",\"default_payment_method\":\"pm_unknown0000000000\"}"), 404,
                "default_payment_method");

        m.api().post("/api/v1/prices/" + price + "/archive").then().statusCode(200).body("active", equalTo(false));
        refused(post(m, "/api/v1/subscriptions", "{" + base + "}"), 400, "price");
        refused(m.api().get("/api/v1/subscriptions?status=late"), 400, "status");
        refused(m.api().get("/api/v1/invoices?starting_after=pay_x"), 400, "starting_after");
        assertEquals(0, BillingFixtures.invoiceRows(m).size(), "nothing refused was billed");
        assertEquals(0, m.api().get("/api/v1/subscriptions").then().statusCode(200).extract().jsonPath()
                .getList("data").size());
    }

    @Test
    void createsAreIdempotentAndListsPageWithACursor() {
        var m = BillingFixtures.merchant();
        String key = UUID.randomUUID().toString();
        String first = m.api().header("Idempotency-Key", key).body("{\"name\":\"Gold\"}").post("/api/v1/products").then()
                .statusCode(201).extract().path("id");
        String again = m.api().header("Idempotency-Key", key).body("{\"name\":\"Gold\"}").post("/api/v1/products").then()
                .statusCode(201).extract().path("id");
        assertEquals(first, again);
        m.api().header("Idempotency-Key", key).body("{\"name\":\"Silver\"}").post("/api/v1/products").then()
                .statusCode(422);
        BillingFixtures.product(m, "Silver");
        BillingFixtures.product(m, "Bronze");

        JsonPath page1 = BillingFixtures.get(m, "/api/v1/products?limit=2");
        assertEquals(List.of("Bronze", "Silver"), page1.getList("data.name"));
        assertTrue(page1.getBoolean("has_more"));
        JsonPath page2 = BillingFixtures.get(m, "/api/v1/products?limit=2&starting_after=" + page1.getString("data[1].id"));
        assertEquals(List.of("Gold"), page2.getList("data.name"));
        assertFalse(page2.getBoolean("has_more"));

        m.api().post("/api/v1/products/" + first + "/archive").then().statusCode(200).body("active", equalTo(false));
        assertEquals(List.of("Bronze", "Silver"), BillingFixtures.get(m, "/api/v1/products?active=true").getList("data.name"));
        refused(post(m, "/api/v1/prices", "{\"product\":\"" + first + "\",\"currency\":\"USD\",\"unit_amount\":100,"
                + "\"recurring\":{\"interval\":\"month\"}}"), 404, "product");

        String cus = BillingFixtures.customer(m);
        BillingFixtures.saveCard(m, cus, BillingFixtures.VISA);
        String price = BillingFixtures.price(m, page1.getString("data[0].id"), 700, "month", 1);
        String subKey = UUID.randomUUID().toString();
        String body = "{\"customer\":\"" + cus + "\",\"price\":\"" + price + "\",\"trial_period_days\":30}";
        String sub = m.api().header("Idempotency-Key", subKey).body(body).post("/api/v1/subscriptions").then()
                .statusCode(201).extract().path("id");
        assertEquals(sub, m.api().header("Idempotency-Key", subKey).body(body).post("/api/v1/subscriptions").then()
                .statusCode(201).extract().path("id"));
        assertEquals(1, BillingFixtures.get(m, "/api/v1/subscriptions?customer=" + cus).getList("data").size());
        assertEquals(List.of(price), BillingFixtures.get(m, "/api/v1/prices?product=" + page1.getString("data[0].id"))
                .getList("data.id"));
    }

    @Test
    void aSubscriptionWithoutTrialIsChargedAtOnceAndItsInvoiceHasAnHtmlViewAndAHostedPage() {
        var m = BillingFixtures.merchant();
        String cus = BillingFixtures.customer(m);
        String pm = BillingFixtures.saveCard(m, cus, BillingFixtures.VISA);
        String price = BillingFixtures.price(m, BillingFixtures.product(m, "Team <plan>"), 2500, "year", 1);

        JsonPath sub = BillingFixtures.subscribe(m, "{\"customer\":\"" + cus + "\",\"price\":\"" + price
                + "\",\"quantity\":3,\"default_payment_method\":\"" + pm + "\"}");
        assertEquals("active", sub.getString("status"));
        assertEquals(pm, sub.getString("default_payment_method"));
        Instant start = Instant.parse(sub.getString("current_period_start"));
        assertEquals(start.atZone(java.time.ZoneOffset.UTC).plusYears(1).toInstant(),
                Instant.parse(sub.getString("current_period_end")));
        String invoiceId = sub.getString("latest_invoice");
        assertNotNull(invoiceId);

        JsonPath in = BillingFixtures.get(m, "/api/v1/invoices/" + invoiceId);
        assertEquals("paid", in.getString("status"));
        assertEquals("INV-000001", in.getString("number"));
        assertEquals("subscription_create", in.getString("billing_reason"));
        assertEquals(7500, in.getInt("total"));
        assertEquals(7500, in.getInt("amount_paid"));
        assertEquals(0, in.getInt("amount_remaining"));
        assertEquals(3, in.getInt("lines[0].quantity"));
        assertEquals(2500, in.getInt("lines[0].unit_amount"));
        JsonPath payment = BillingFixtures.get(m, "/api/v1/payments/" + in.getString("payment"));
        assertEquals("captured", payment.getString("status"));
        assertEquals(7500, payment.getInt("amount"));
        assertEquals(true, payment.getBoolean("off_session"));
        assertEquals(invoiceId, payment.getString("metadata.invoice"));

        String html = m.api().accept("text/html").get("/api/v1/invoices/" + invoiceId + "/html").then().statusCode(200)
                .contentType(startsWith("text/html")).extract().asString();
        assertTrue(html.contains("INV-000001") && html.contains("75.00 USD") && html.contains("25.00 USD"), html);
        assertTrue(html.contains("Team &lt;plan&gt;") && !html.contains("Team <plan>"), "escaped: " + html);

        String hosted = in.getString("hosted_invoice_url");
        String path = hosted.substring(hosted.indexOf("/invoices/hosted/"));
        RestAssured.given().get(path).then().statusCode(200).contentType(startsWith("text/html"))
                .header("Cache-Control", "no-store").body(containsString("INV-000001"), containsString("paid"));
        RestAssured.given().get("/invoices/hosted/hin_" + "A".repeat(32)).then().statusCode(404);
        RestAssured.given().get("/invoices/hosted/short").then().statusCode(404);

        List<String> events = BillingFixtures.eventTypes(m);
        assertTrue(events.containsAll(List.of("customer.subscription.created", "invoice.created", "invoice.finalized",
                "invoice.paid")), events.toString());
    }

    @Test
    void aFirstChargeThatFailsLeavesTheInvoiceOpenAndTheSubscriptionPastDueUntilTheCustomerPaysFromTheHostedPage() {
        var m = BillingFixtures.merchant();
        String cus = BillingFixtures.customer(m);
        BillingFixtures.saveCard(m, cus, BillingFixtures.DECLINES_AFTER_SAVE);
        String price = BillingFixtures.price(m, BillingFixtures.product(m, "Daily"), 300, "day", 1);

        JsonPath sub = BillingFixtures.subscribe(m, "{\"customer\":\"" + cus + "\",\"price\":\"" + price + "\"}");
        assertEquals("past_due", sub.getString("status"));
        String invoiceId = sub.getString("latest_invoice");
        JsonPath open = BillingFixtures.get(m, "/api/v1/invoices/" + invoiceId);
        assertEquals("open", open.getString("status"));
        assertEquals(300, open.getInt("amount_remaining"));
        assertNotNull(open.getString("next_payment_attempt"));
        assertTrue(BillingFixtures.eventTypes(m).contains("invoice.payment_failed"));
        String page = RestAssured.given().get(open.getString("hosted_invoice_url").replaceAll("^https?://[^/]+", ""))
                .then().statusCode(200).extract().asString();
        assertTrue(page.contains("did not go through"), page);

        // The customer pays from the hosted page: with the failing card again, then with a new default card.
        String hostedPath = open.getString("hosted_invoice_url").replaceAll("^https?://[^/]+", "");
        assertTrue(page.contains("id=\"pay-now\""), page);
        RestAssured.given().post(hostedPath + "/pay").then().statusCode(200).body(containsString("did not go through"));
        JsonPath stillOpen = BillingFixtures.get(m, "/api/v1/invoices/" + invoiceId);
        assertEquals("open", stillOpen.getString("status"));
        assertEquals(2, stillOpen.getInt("attempt_count"));
        assertEquals(open.getString("next_payment_attempt"), stillOpen.getString("next_payment_attempt"),
                "the customer's attempt leaves the dunning schedule alone");
        String good = BillingFixtures.saveCard(m, cus, BillingFixtures.VISA);
        BillingFixtures.setDefault(m, cus, good);
        String paidPage = RestAssured.given().post(hostedPath + "/pay").then().statusCode(200).extract().asString();
        assertTrue(paidPage.contains(">paid<") && !paidPage.contains("pay-now"), paidPage);
        JsonPath paidByCustomer = BillingFixtures.get(m, "/api/v1/invoices/" + invoiceId);
        assertEquals("paid", paidByCustomer.getString("status"));
        assertEquals(3, paidByCustomer.getInt("attempt_count"));
        JsonPath customerPayment = BillingFixtures.get(m, "/api/v1/payments/" + paidByCustomer.getString("payment"));
        assertEquals(false, customerPayment.getBoolean("off_session"));
        assertEquals(good, customerPayment.getString("payment_method"));
        assertEquals("active", BillingFixtures.get(m, "/api/v1/subscriptions/" + sub.getString("id")).getString("status"));
        // Paying again does nothing: the invoice is paid.
        RestAssured.given().post(hostedPath + "/pay").then().statusCode(200);
        assertEquals(3, BillingFixtures.invoicePayments(m).stream()
                .filter(p -> ((String) p.get("idempotency_key")).startsWith("invoice:" + invoiceId + ":")).count());
        refused(m.api().post("/api/v1/invoices/" + invoiceId + "/void"), 409, null);
    }

    @Test
    void anOpenInvoiceCanBeVoided() {
        var m = BillingFixtures.merchant();
        String cus = BillingFixtures.customer(m);
        BillingFixtures.saveCard(m, cus, BillingFixtures.DECLINES_AFTER_SAVE);
        String price = BillingFixtures.price(m, BillingFixtures.product(m, "Daily"), 300, "day", 1);
        JsonPath sub = BillingFixtures.subscribe(m, "{\"customer\":\"" + cus + "\",\"price\":\"" + price + "\"}");
        String invoiceId = sub.getString("latest_invoice");
        JsonPath open = BillingFixtures.get(m, "/api/v1/invoices/" + invoiceId);
        JsonPath voided = m.api().post("/api/v1/invoices/" + invoiceId + "/void").then().statusCode(200).extract().jsonPath();
        assertEquals("void", voided.getString("status"));
        refused(m.api().post("/api/v1/invoices/" + invoiceId + "/void"), 409, null);
        // A void invoice is never retried (the next day's renewal bills the next day, and only that).
        Instant later = Instant.parse(open.getString("next_payment_attempt")).plusSeconds(1);
        scheduler.run(later, m.id()).await().atMost(Duration.ofSeconds(30));
        JsonPath still = BillingFixtures.get(m, "/api/v1/invoices/" + invoiceId);
        assertEquals("void", still.getString("status"));
        assertEquals(1, still.getInt("attempt_count"));
        assertEquals(1, BillingFixtures.invoicePayments(m).stream()
                .filter(p -> ((String) p.get("idempotency_key")).startsWith("invoice:" + invoiceId + ":")).count());
    }

    @Test
    void pauseResumeAndCancelNow() {
        var m = BillingFixtures.merchant();
        String cus = BillingFixtures.customer(m);
        BillingFixtures.saveCard(m, cus, BillingFixtures.VISA);
        String price = BillingFixtures.price(m, BillingFixtures.product(m, "Weekly"), 400, "week", 1);
        JsonPath sub = BillingFixtures.subscribe(m, "{\"customer\":\"" + cus + "\",\"price\":\"" + price + "\"}");
        String id = sub.getString("id");
        Instant end = Instant.parse(sub.getString("current_period_end"));

        m.api().post("/api/v1/subscriptions/" + id + "/pause").then().statusCode(200).body("status", equalTo("paused"));
        refused(m.api().post("/api/v1/subscriptions/" + id + "/pause"), 409, null);
        // A paused subscription is not renewed at its period end.
        assertEquals(0, scheduler.run(end.plusSeconds(1), m.id()).await().atMost(Duration.ofSeconds(30)).renewed());
        m.api().post("/api/v1/subscriptions/" + id + "/resume").then().statusCode(200).body("status", equalTo("active"));
        refused(m.api().post("/api/v1/subscriptions/" + id + "/resume"), 409, null);

        JsonPath canceled = m.api().post("/api/v1/subscriptions/" + id + "/cancel").then().statusCode(200).extract().jsonPath();
        assertEquals("canceled", canceled.getString("status"));
        assertNotNull(canceled.getString("ended_at"));
        refused(m.api().post("/api/v1/subscriptions/" + id + "/cancel"), 409, null);
        assertEquals(0, scheduler.run(end.plus(Duration.ofDays(30)), m.id()).await().atMost(Duration.ofSeconds(30))
                .renewed());
        assertEquals(1, BillingFixtures.invoiceRows(m).size(), "only the first week was invoiced");
        List<String> events = BillingFixtures.eventTypes(m);
        assertEquals(2, events.stream().filter("customer.subscription.updated"::equals).count(), events.toString());
        assertEquals(1, events.stream().filter("customer.subscription.deleted"::equals).count(), events.toString());
    }

    @Test
    void anotherMerchantsSubscriptionsInvoicesAndPricesAreNotFound() {
        var owner = BillingFixtures.merchant();
        var other = BillingFixtures.merchant();
        String cus = BillingFixtures.customer(owner);
        BillingFixtures.saveCard(owner, cus, BillingFixtures.VISA);
        String product = BillingFixtures.product(owner, "Private");
        String price = BillingFixtures.price(owner, product, 100, "month", 1);
        JsonPath sub = BillingFixtures.subscribe(owner, "{\"customer\":\"" + cus + "\",\"price\":\"" + price + "\"}");
        String id = sub.getString("id");
        String invoice = sub.getString("latest_invoice");

        refused(other.api().get("/api/v1/subscriptions/" + id), 404, null);
        refused(other.api().post("/api/v1/subscriptions/" + id + "/cancel"), 404, null);
        refused(other.api().post("/api/v1/subscriptions/" + id + "/pause"), 404, null);
        refused(other.api().get("/api/v1/invoices/" + invoice), 404, null);
        refused(other.api().get("/api/v1/invoices/" + invoice + "/html"), 404, null);
        refused(other.api().post("/api/v1/invoices/" + invoice + "/void"), 404, null);
        refused(other.api().get("/api/v1/products/" + product), 404, null);
        refused(other.api().get("/api/v1/prices/" + price), 404, null);
        refused(other.api().post("/api/v1/prices/" + price + "/archive"), 404, null);
        assertEquals(0, other.api().get("/api/v1/subscriptions").then().statusCode(200).extract().jsonPath()
                .getList("data").size());
        assertEquals(0, other.api().get("/api/v1/invoices").then().statusCode(200).extract().jsonPath()
                .getList("data").size());
        // Another merchant's price and customer cannot be subscribed to.
        String otherCus = BillingFixtures.customer(other);
        BillingFixtures.saveCard(other, otherCus, BillingFixtures.VISA);
        refused(post(other, "/api/v1/subscriptions", "{\"customer\":\"" + otherCus + "\",\"price\":\"" + price + "\"}"),
                404, "price");
        refused(post(other, "/api/v1/subscriptions", "{\"customer\":\"" + cus + "\",\"price\":\"" + price + "\"}"),
                404, "customer");
        // The owner still sees its subscription as it was.
        owner.api().get("/api/v1/subscriptions/" + id).then().statusCode(200).body("status", equalTo("active"));
    }
}
