package dev.payrail.dashboard;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.dashboard.DashboardLogin.Session;
import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The payment pages over HTTP: search, filters in the URL, bad filters as a 400 page, cursor paging,
 * the CSV export, the detail page and its actions (a double submit refunds once), orders, refunds,
 * the overview figures, and merchants isolated from each other on every page and action.
 */
@QuarkusTest
class DashboardPaymentPagesTest {

    private static final Pattern KEY = Pattern.compile("name=\"idempotency_key\" value=\"(dash_[A-Za-z0-9]+)\"");

    @Inject
    Pool pool;

    /** A fresh merchant with its API and an admin session. */
    record Shop(String key, String secret, String id) {
        RequestSpecification api() {
            return Api.as(key, secret);
        }

        String pay(long amount, String currency, String capture) {
            return api().body(Bodies.cardPayment(amount, currency, "4242424242424242", capture)).post("/api/v1/payments")
                    .then().statusCode(201).extract().path("id");
        }

        Session as(Role role) {
            return DashboardLogin.as(id, role);
        }
    }

    static Shop shop() {
        String[] m = Api.newMerchant();
        return new Shop(m[0], m[1], m[2]);
    }

    /** The idempotency key the page rendered into the form posting to {@code action}. */
    static String formKey(Session s, String paymentId, String action) {
        String html = s.get("/dashboard/payments/" + paymentId).then().statusCode(200).extract().asString();
        int form = html.indexOf("action=\"/dashboard/payments/" + paymentId + "/" + action + "\"");
        assertTrue(form >= 0, "no " + action + " form");
        Matcher m = KEY.matcher(html);
        assertTrue(m.find(form), "no key in the " + action + " form");
        return m.group(1);
    }

    @Test
    void searchByIdOrderStatusAmountAndDatesKeepsTheFilterInTheUrl() {
        Shop shop = shop();
        Session admin = shop.as(Role.ADMIN);
        String small = shop.pay(1050, "USD", "automatic");
        String big = shop.pay(99900, "USD", "manual");
        String euro = shop.pay(2000, "EUR", "automatic");

        admin.get("/dashboard/payments").then().statusCode(200).body(containsString(small)).body(containsString(big))
                .body(containsString(euro)).body(containsString("href=\"/dashboard/payments.csv\""));
        admin.get("/dashboard/payments?id=" + big).then().statusCode(200).body(containsString(big))
                .body(not(containsString(small))).body(containsString("/dashboard/payments.csv?id=" + big));
        admin.get("/dashboard/payments?status=authorized").then().statusCode(200).body(containsString(big))
                .body(not(containsString(small)));
        admin.get("/dashboard/payments?currency=USD&amount_min=10.00&amount_max=10.50").then().statusCode(200)
                .body(containsString(small)).body(not(containsString(big))).body(not(containsString(euro)))
                .body(containsString("value=\"10.00\""))
                .body(containsString("/dashboard/payments.csv?currency=USD&amp;amount_min=10.00&amp;amount_max=10.50"));
        String provider = shop.api().get("/api/v1/payments/" + small).then().extract().path("provider");
        admin.get("/dashboard/payments?method=card&provider=" + provider).then().statusCode(200).body(containsString(small));
        admin.get("/dashboard/payments?method=card&provider=" + provider + "&from=2020-01-01&to=2020-01-02").then().statusCode(200)
                .body(containsString("id=\"no-payments\"")).body(not(containsString(small)));
        admin.get("/dashboard/payments?from=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC)).then().statusCode(200)
                .body(containsString(small));
    }

    @Test
    void badFilterValuesAre400WithTheMessageNextToTheField() {
        Session admin = shop().as(Role.ADMIN);
        admin.get("/dashboard/payments?status=bogus").then().statusCode(400).contentType(containsString("text/html"))
                .body(containsString("id=\"status-error\"")).body(containsString("Unknown status: bogus."));
        admin.get("/dashboard/payments?amount_min=10").then().statusCode(400).body(containsString("id=\"currency-error\""));
        admin.get("/dashboard/payments?currency=USD&amount_min=ten").then().statusCode(400)
                .body(containsString("id=\"amount_min-error\"")).body(containsString("value=\"ten\""));
        admin.get("/dashboard/payments?from=yesterday").then().statusCode(400).body(containsString("id=\"from-error\""));
        admin.get("/dashboard/payments?id=<script>").then().statusCode(400).body(containsString("id=\"id-error\""))
                .body(not(containsString("<script>")));
        admin.get("/dashboard/payments?starting_after=nope").then().statusCode(400);
        admin.get("/dashboard/payments.csv?status=bogus").then().statusCode(400).body(containsString("status"));
        admin.get("/dashboard?from=nope").then().statusCode(400).body(containsString("id=\"from-error\""));
    }

    @Test
    void cursorPaginationWalksEveryPaymentOnce() {
        Shop shop = shop();
        Session viewer = shop.as(Role.VIEWER);
        String a = shop.pay(100, "USD", "automatic");
        String b = shop.pay(200, "USD", "automatic");
        String c = shop.pay(300, "USD", "automatic");
        String first = viewer.get("/dashboard/payments?currency=USD&limit=2").then().statusCode(200).extract().asString();
        assertTrue(first.contains(c) && first.contains(b) && !first.contains(a), first);
        Matcher next = Pattern.compile("href=\"(/dashboard/payments\\?[^\"]+)\" id=\"next-page\"").matcher(first);
        assertTrue(next.find(), "a next page link");
        String url = next.group(1).replace("&amp;", "&");
        assertTrue(url.contains("currency=USD") && url.contains("starting_after=" + b), url);
        String second = viewer.get(url).then().statusCode(200).extract().asString();
        assertTrue(second.contains(a) && !second.contains(b) && !second.contains(c));
        assertTrue(!second.contains("id=\"next-page\""));
    }

    @Test
    void csvExportStreamsTheFilteredPaymentsAsAnAttachmentAndIsAudited() {
        Shop shop = shop();
        Session viewer = shop.as(Role.VIEWER);
        String usd = shop.pay(1999, "USD", "automatic");
        String eur = shop.pay(500, "EUR", "automatic");
        Response r = viewer.get("/dashboard/payments.csv?currency=USD");
        r.then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment; filename=\"payments-"));
        String csv = r.asString();
        assertTrue(csv.startsWith("id,created_at,order_id,status,method,provider,currency,amount"), csv);
        assertTrue(csv.contains(usd + ",") && csv.contains(",19.99,"), csv);
        assertTrue(!csv.contains(eur), csv);
        assertEquals(2, csv.split("\r\n").length, csv);
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE actor_id = $1 AND action = 'dashboard.payments_exported' "
                + "AND detail = 'CSV currency=USD'", viewer.user().id()));
    }

    @Test
    void detailShowsAmountsMaskedMethodAndTimeline() {
        Shop shop = shop();
        String id = shop.pay(4200, "USD", "automatic");
        String html = shop.as(Role.VIEWER).get("/dashboard/payments/" + id).then().statusCode(200)
                .body(containsString("42.00 USD")).body(containsString("4242")).body(containsString("visa"))
                .body(containsString("id=\"timeline\"")).body(containsString("payment.captured"))
                .body(containsString("provider attempt")).extract().asString();
        assertTrue(!html.contains("4242424242424242"), "no PAN");
        // risk and 3-D Secure are shown exactly when the payment has them, as the API shows them
        var api = shop.api().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
        String decision = api.getString("risk.decision");
        assertEquals(decision != null, html.contains("id=\"risk\""), "risk section");
        if (decision != null) {
            assertTrue(html.contains("<dd>" + decision + "</dd>"), decision);
        }
        assertEquals(api.get("three_d_secure") != null, html.contains("id=\"three-d-secure\""), "3-D Secure section");
        assertTrue(!html.contains("id=\"refund-form\""), "a viewer gets no refund form");
        assertTrue(!html.contains("<script"), "no script");
        assertTrue(!html.contains("style="), "no inline style");
    }

    @Test
    void doubleSubmittedRefundFormRefundsOnce() {
        Shop shop = shop();
        Session support = shop.as(Role.SUPPORT);
        String id = shop.pay(10000, "USD", "automatic");
        String key = formKey(support, id, "refund");
        Map<String, String> form = Map.of("amount", "25.00", "reason", "damaged in transit", "idempotency_key", key);
        support.post("/dashboard/payments/" + id + "/refund", form).then().statusCode(303)
                .header("Location", containsString("/dashboard/payments/" + id + "?done=refund"));
        support.post("/dashboard/payments/" + id + "/refund", form).then().statusCode(303);
        assertEquals(1, count("SELECT count(*) FROM refunds WHERE payment_id = $1", id), "one refund");
        assertEquals(2500, count("SELECT coalesce(sum(amount), 0) FROM refunds WHERE payment_id = $1", id));
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE actor_id = $1 AND action = 'dashboard.refund' "
                + "AND detail LIKE 'payment " + id + ", 25.00 USD: damaged in transit%'", support.user().id()));
        // a new render gives a new key: a second, deliberate refund goes through
        String again = formKey(support, id, "refund");
        assertTrue(!again.equals(key));
        support.post("/dashboard/payments/" + id + "/refund", Map.of("amount", "5.00", "reason", "goodwill",
                "idempotency_key", again)).then().statusCode(303);
        assertEquals(2, count("SELECT count(*) FROM refunds WHERE payment_id = $1", id));
        support.get("/dashboard/payments/" + id).then().body(containsString("damaged in transit"))
                .body(containsString("refund.processed"));
    }

    @Test
    void twoSimultaneousSubmitsOfOneFormRefundOnce() throws Exception {
        Shop shop = shop();
        Session support = shop.as(Role.SUPPORT);
        String id = shop.pay(10000, "USD", "automatic");
        Map<String, String> form = Map.of("amount", "30.00", "reason", "double click", "idempotency_key",
                formKey(support, id, "refund"));
        var executor = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.Callable<Integer> submit = () -> {
                start.await();
                return support.post("/dashboard/payments/" + id + "/refund", form).statusCode();
            };
            var a = executor.submit(submit);
            var b = executor.submit(submit);
            start.countDown();
            java.util.List<Integer> statuses = java.util.List.of(a.get(), b.get());
            // the second is either the first one's outcome (303) or told the first is still running (409)
            assertTrue(statuses.contains(303) && statuses.stream().allMatch(st -> st == 303 || st == 409), statuses.toString());
        } finally {
            executor.shutdown();
        }
        assertEquals(1, count("SELECT count(*) FROM refunds WHERE payment_id = $1", id), "one refund");
        assertEquals(3000, count("SELECT amount_refunded FROM payments WHERE id = $1", id));
    }

    @Test
    void refundNeedsAReasonAndAValidAmount() {
        Shop shop = shop();
        Session support = shop.as(Role.SUPPORT);
        String id = shop.pay(1000, "USD", "automatic");
        String key = formKey(support, id, "refund");
        support.post("/dashboard/payments/" + id + "/refund", Map.of("amount", "1.00", "reason", "  ", "idempotency_key", key))
                .then().statusCode(400).body(containsString("id=\"reason-error\""));
        support.post("/dashboard/payments/" + id + "/refund", Map.of("amount", "1.001", "reason", "x", "idempotency_key", key))
                .then().statusCode(400).body(containsString("id=\"amount-error\""));
        support.post("/dashboard/payments/" + id + "/refund", Map.of("amount", "11.00", "reason", "x", "idempotency_key", key))
                .then().statusCode(400).body(containsString("exceeds what is left"));
        support.post("/dashboard/payments/" + id + "/refund", Map.of("amount", "1.00", "reason", "x", "idempotency_key", "forged"))
                .then().statusCode(400);
        assertEquals(0, count("SELECT count(*) FROM refunds WHERE payment_id = $1", id));
    }

    @Test
    void operatorCapturesAndCancelsThroughTheOrchestrator() {
        Shop shop = shop();
        Session operator = shop.as(Role.OPERATOR);
        String toCapture = shop.pay(3000, "USD", "manual");
        operator.post("/dashboard/payments/" + toCapture + "/capture",
                Map.of("amount", "20.00", "idempotency_key", formKey(operator, toCapture, "capture"))).then().statusCode(303);
        shop.api().get("/api/v1/payments/" + toCapture).then().statusCode(200)
                .body(containsString("\"status\":\"captured\"")).body(containsString("\"amount_captured\":2000"));
        String toCancel = shop.pay(3000, "USD", "manual");
        operator.post("/dashboard/payments/" + toCancel + "/cancel",
                Map.of("idempotency_key", formKey(operator, toCancel, "cancel"))).then().statusCode(303);
        shop.api().get("/api/v1/payments/" + toCancel).then().body(containsString("\"status\":\"cancelled\""));
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE actor_id = $1 AND action = 'dashboard.capture' "
                + "AND object_id = '" + toCapture + "'", operator.user().id()));
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE actor_id = $1 AND action = 'dashboard.cancel' "
                + "AND object_id = '" + toCancel + "'", operator.user().id()));
        // capturing a cancelled payment is refused on the page, not a 500
        operator.post("/dashboard/payments/" + toCancel + "/capture",
                Map.of("idempotency_key", dev.payrail.dashboard.page.PaymentActions.newKey()))
                .then().statusCode(409).body(containsString("id=\"action-error\""));
    }

    @Test
    void viewerCannotRefundCaptureOrCancelAndIsAudited() {
        Shop shop = shop();
        Session viewer = shop.as(Role.VIEWER);
        Session support = shop.as(Role.SUPPORT);
        String captured = shop.pay(1000, "USD", "automatic");
        String authorized = shop.pay(1000, "USD", "manual");
        String key = dev.payrail.dashboard.page.PaymentActions.newKey();
        viewer.post("/dashboard/payments/" + captured + "/refund", Map.of("amount", "1.00", "reason", "x", "idempotency_key", key))
                .then().statusCode(403);
        viewer.post("/dashboard/payments/" + authorized + "/capture", Map.of("idempotency_key", key)).then().statusCode(403);
        viewer.post("/dashboard/payments/" + authorized + "/cancel", Map.of("idempotency_key", key)).then().statusCode(403);
        support.post("/dashboard/payments/" + authorized + "/capture", Map.of("idempotency_key", key)).then().statusCode(403);
        support.post("/dashboard/payments/" + authorized + "/cancel", Map.of("idempotency_key", key)).then().statusCode(403);
        for (String action : new String[] { "refund needs refund", "capture needs capture", "cancel needs cancel" }) {
            assertEquals(1, count("SELECT count(*) FROM audit_log WHERE actor_id = $1 AND action = 'dashboard.forbidden' "
                    + "AND detail LIKE 'POST /dashboard/payments/%/" + action + "'", viewer.user().id()), action);
        }
        assertEquals(2, count("SELECT count(*) FROM audit_log WHERE actor_id = $1 AND action = 'dashboard.forbidden'",
                support.user().id()));
        assertEquals(0, count("SELECT count(*) FROM refunds WHERE payment_id = $1", captured));
        shop.api().get("/api/v1/payments/" + authorized).then().body(containsString("\"status\":\"authorized\""));
        String page = support.get("/dashboard/payments/" + authorized).then().statusCode(200).extract().asString();
        assertTrue(!page.contains("id=\"capture-form\"") && !page.contains("id=\"cancel-form\""), "support sees no capture/cancel");
    }

    @Test
    void anotherMerchantsPaymentsAreInvisibleOnEveryPageAndAction() {
        Shop insider = shop();
        Shop outsiderShop = shop();
        Session outsider = outsiderShop.as(Role.ADMIN);
        String captured = insider.pay(5000, "USD", "automatic");
        String authorized = insider.pay(5000, "USD", "manual");
        String refund = insider.api().body("{\"amount\":100,\"reason\":\"x\"}").post("/api/v1/payments/" + captured + "/refunds")
                .then().statusCode(201).extract().path("id");
        String order = insider.api().body("{\"amount\":700,\"currency\":\"USD\"}").post("/api/v1/orders").then().statusCode(201)
                .extract().path("id");
        String key = dev.payrail.dashboard.page.PaymentActions.newKey();

        outsider.get("/dashboard/payments").then().statusCode(200).body(not(containsString(captured)));
        outsider.get("/dashboard/payments?id=" + captured).then().statusCode(200).body(containsString("id=\"no-payments\""));
        outsider.get("/dashboard/payments/" + captured).then().statusCode(404).body(containsString("id=\"not-found\""))
                .body(not(containsString("50.00")));
        assertEquals(1, outsider.get("/dashboard/payments.csv?id=" + captured).then().statusCode(200).extract().asString()
                .split("\r\n").length, "header only");
        outsider.get("/dashboard/payments.csv").then().statusCode(200).body(not(containsString(captured)));
        outsider.get("/dashboard/refunds").then().statusCode(200).body(not(containsString(refund)));
        outsider.get("/dashboard/orders").then().statusCode(200).body(not(containsString(order)));
        outsider.get("/dashboard").then().statusCode(200).body(containsString("id=\"range-count\">0<"));
        outsider.post("/dashboard/payments/" + captured + "/refund", Map.of("amount", "1.00", "reason", "x", "idempotency_key", key))
                .then().statusCode(404);
        outsider.post("/dashboard/payments/" + authorized + "/capture", Map.of("idempotency_key", key)).then().statusCode(404);
        outsider.post("/dashboard/payments/" + authorized + "/cancel", Map.of("idempotency_key", key)).then().statusCode(404);
        assertEquals(1, count("SELECT count(*) FROM refunds WHERE payment_id = $1", captured));
        insider.api().get("/api/v1/payments/" + authorized).then().body(containsString("\"status\":\"authorized\""));

        Session own = insider.as(Role.VIEWER);
        own.get("/dashboard/refunds").then().statusCode(200).body(containsString(refund));
        own.get("/dashboard/orders").then().statusCode(200).body(containsString(order));
        own.get("/dashboard/payments").then().statusCode(200).body(containsString(captured));
    }

    @Test
    void ordersAndRefundsListPageByCursor() {
        Shop shop = shop();
        Session viewer = shop.as(Role.VIEWER);
        String older = shop.api().body("{\"amount\":700,\"currency\":\"USD\"}").post("/api/v1/orders").then().statusCode(201)
                .extract().path("id");
        String newer = shop.api().body("{\"amount\":800,\"currency\":\"USD\"}").post("/api/v1/orders").then().statusCode(201)
                .extract().path("id");
        viewer.get("/dashboard/orders").then().statusCode(200).body(containsString(older)).body(containsString(newer))
                .body(containsString("8.00 USD"));
        viewer.get("/dashboard/orders?starting_after=" + newer).then().statusCode(200).body(containsString(older))
                .body(not(containsString(newer)));
        viewer.get("/dashboard/orders?starting_after=bogus").then().statusCode(400).body(containsString("id=\"list-error\""));
        String paid = shop.pay(5000, "USD", "automatic");
        String first = shop.api().body("{\"amount\":100,\"reason\":\"first\"}").post("/api/v1/payments/" + paid + "/refunds")
                .then().statusCode(201).extract().path("id");
        String second = shop.api().body("{\"amount\":200,\"reason\":\"second\"}").post("/api/v1/payments/" + paid + "/refunds")
                .then().statusCode(201).extract().path("id");
        viewer.get("/dashboard/refunds").then().statusCode(200).body(containsString(first)).body(containsString(second))
                .body(containsString("2.00 USD")).body(containsString("href=\"/dashboard/payments/" + paid + "\""));
        viewer.get("/dashboard/refunds?starting_after=" + second).then().statusCode(200).body(containsString(first))
                .body(not(containsString(second)));
        viewer.get("/dashboard/refunds?starting_after=bogus").then().statusCode(400);
    }

    @Test
    void overviewShowsTheRangesFiguresAndChart() {
        Shop shop = shop();
        String usd = shop.pay(1000, "USD", "automatic");
        shop.pay(250, "EUR", "automatic");
        String provider = shop.api().get("/api/v1/payments/" + usd).then().extract().path("provider");
        shop.api().body(Bodies.cardPayment(700, "USD", "4000000000000002", "automatic")).post("/api/v1/payments").then()
                .statusCode(402);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        shop.as(Role.VIEWER).get("/dashboard?from=" + today).then().statusCode(200)
                .body(containsString("id=\"range-count\">3<")).body(containsString("id=\"range-succeeded\">2<"))
                .body(containsString("66.7 %")).body(containsString("10.00 USD")).body(containsString("2.50 EUR"))
                .body(containsString("<svg")).body(containsString("role=\"img\""))
                .body(containsString("<td>card</td>")).body(containsString("<td>" + provider + "</td>"))
                .body(containsString("value=\"" + today + "\""));
        shop.as(Role.VIEWER).get("/dashboard?from=2026-01-10&to=2026-01-01").then().statusCode(400)
                .body(containsString("id=\"from-error\""));
    }

    private long count(String sql, String a) {
        return pool.preparedQuery(sql).execute(Tuple.of(a)).await().indefinitely().iterator().next().getLong(0);
    }
}
