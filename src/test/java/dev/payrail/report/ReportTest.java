package dev.payrail.report;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The reports add up to the payments and refunds created through the API, per merchant, and the CSV streams in pages. */
@QuarkusTest
class ReportTest {

    static final String PAN = "4242424242424242";

    @Inject
    MoneyMovements movements;

    static String from() {
        return Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String to() {
        return Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String pay(RequestSpecification as, long amount, String currency, String capture) {
        return as.body(Bodies.cardPayment(amount, currency, PAN, capture)).post("/api/v1/payments").then().statusCode(201)
                .extract().path("id");
    }

    static void refund(RequestSpecification as, String payment, String body) {
        as.body(body).post("/api/v1/payments/" + payment + "/refunds").then().statusCode(201).body("status", equalTo("processed"));
    }

    @Test
    void reportsMatchThePaymentsCreatedPerCurrencyAndMerchant() {
        String[] a = Api.newMerchant();
        String[] b = Api.newMerchant();
        String usd1 = pay(Api.as(a[0], a[1]), 10000, "USD", "automatic");
        refund(Api.as(a[0], a[1]), usd1, "{\"amount\":2500}");
        String usd2 = pay(Api.as(a[0], a[1]), 8000, "USD", "manual");
        Api.as(a[0], a[1]).body("{\"amount\":5000}").post("/api/v1/payments/" + usd2 + "/capture").then().statusCode(200);
        refund(Api.as(a[0], a[1]), usd2, "{\"amount\":1000}");
        pay(Api.as(a[0], a[1]), 3000, "USD", "manual"); // authorized, never captured
        Api.as(a[0], a[1]).body(Bodies.cardPayment(4000, "USD", "4000000000000002", "automatic")).post("/api/v1/payments")
                .then().statusCode(402);
        String eur = pay(Api.as(a[0], a[1]), 7000, "EUR", "automatic");
        refund(Api.as(a[0], a[1]), eur, "{}");
        pay(Api.as(a[0], a[1]), 500, "JPY", "automatic");
        pay(Api.as(b[0], b[1]), 999, "USD", "automatic");
        String from = from();
        String to = to();

        JsonPath t = Api.as(a[0], a[1]).queryParam("from", from).queryParam("to", to).get("/api/v1/reports/transactions")
                .then().statusCode(200).body("object", equalTo("transactions_report")).extract().jsonPath();
        assertEquals(List.of("EUR", "JPY", "USD"), t.getList("data.currency"));
        Map<String, Object> usd = t.getMap("data.find { it.currency == 'USD' }");
        assertEquals(4, usd.get("payments_count"));
        assertEquals(2, usd.get("captured_count"));
        assertEquals(15000, usd.get("captured"));
        assertEquals(2, usd.get("refunds_count"));
        assertEquals(3500, usd.get("refunded"));
        assertEquals(11500, usd.get("net"));
        assertEquals(Map.of("partially_refunded", 2, "authorized", 1, "failed", 1), usd.get("counts_by_status"));
        Map<String, Object> euro = t.getMap("data.find { it.currency == 'EUR' }");
        assertEquals(List.of(7000, 7000, 0, Map.of("refunded", 1)),
                List.of(euro.get("captured"), euro.get("refunded"), euro.get("net"), euro.get("counts_by_status")));
        Map<String, Object> yen = t.getMap("data.find { it.currency == 'JPY' }");
        assertEquals(List.of(500, 0, 500), List.of(yen.get("captured"), yen.get("refunded"), yen.get("net")));

        // the currency filter, and the other merchant sees only its own payment
        Api.as(a[0], a[1]).queryParam("from", from).queryParam("to", to).queryParam("currency", "EUR")
                .get("/api/v1/reports/transactions").then().statusCode(200).body("data.currency", equalTo(List.of("EUR")))
                .body("currency", equalTo("EUR"));
        Api.as(b[0], b[1]).queryParam("from", from).queryParam("to", to).get("/api/v1/reports/transactions").then()
                .statusCode(200).body("data.size()", equalTo(1)).body("data[0].captured", equalTo(999))
                .body("data[0].payments_count", equalTo(1));

        // settlement: per day and provider, adding up to the same totals per currency
        List<Map<String, Object>> lines = Api.as(a[0], a[1]).queryParam("from", from).queryParam("to", to)
                .get("/api/v1/reports/settlement").then().statusCode(200).extract().jsonPath().getList("data");
        Map<String, long[]> byCurrency = new HashMap<>();
        for (Map<String, Object> l : lines) {
            long[] sums = byCurrency.computeIfAbsent((String) l.get("currency"), c -> new long[3]);
            sums[0] += ((Number) l.get("gross")).longValue();
            sums[1] += ((Number) l.get("refunds")).longValue();
            sums[2] += ((Number) l.get("net")).longValue();
            assertTrue(((String) l.get("day")).matches("\\d{4}-\\d{2}-\\d{2}"), l.toString());
            assertTrue(l.get("provider") instanceof String p && !p.isEmpty(), l.toString());
        }
        assertEquals(List.of(15000L, 3500L, 11500L), List.of(byCurrency.get("USD")[0], byCurrency.get("USD")[1], byCurrency.get("USD")[2]));
        assertEquals(List.of(7000L, 7000L, 0L), List.of(byCurrency.get("EUR")[0], byCurrency.get("EUR")[1], byCurrency.get("EUR")[2]));
        assertEquals(List.of(500L, 0L, 500L), List.of(byCurrency.get("JPY")[0], byCurrency.get("JPY")[1], byCurrency.get("JPY")[2]));

        String settlementCsv = Api.as(a[0], a[1]).queryParam("from", from).queryParam("to", to)
                .get("/api/v1/reports/settlement.csv").then().statusCode(200).contentType("text/csv").extract().asString();
        String[] sLines = settlementCsv.split("\r\n");
        assertEquals("day,provider,currency,captures_count,gross_minor,gross,refunds_count,refunds_minor,refunds,"
                + "dispute_withdrawn_minor,dispute_withdrawn,dispute_reinstated_minor,dispute_reinstated,net_minor,net", sLines[0]);
        assertEquals(lines.size() + 1, sLines.length);

        // the movements CSV: one line per capture and per refund, amounts as minor units and decimals
        String csv = Api.as(a[0], a[1]).queryParam("from", from).queryParam("to", to)
                .get("/api/v1/reports/transactions.csv").then().statusCode(200).contentType("text/csv")
                .header("Content-Disposition", "attachment; filename=\"transactions.csv\"").extract().asString();
        String[] rows = csv.split("\r\n");
        assertEquals("type,id,payment_id,occurred_at,provider,currency,amount_minor,amount,status,provider_reference,dispute_id", rows[0]);
        Map<String, Long> sums = new HashMap<>();
        int captures = 0;
        int refunds = 0;
        for (int i = 1; i < rows.length; i++) {
            String[] c = rows[i].split(",", -1);
            assertEquals(11, c.length, rows[i]);
            captures += c[0].equals("capture") ? 1 : 0;
            refunds += c[0].equals("refund") ? 1 : 0;
            sums.merge(c[0] + " " + c[5], Long.parseLong(c[6]), Long::sum);
            if (c[1].equals(usd1)) {
                assertEquals(List.of("capture", usd1, "USD", "10000", "100.00", "partially_refunded"),
                        List.of(c[0], c[2], c[5], c[6], c[7], c[8]));
            }
            if (c[5].equals("JPY")) {
                assertEquals("500", c[7]);
            }
            if (i > 1) {
                assertTrue(!Instant.parse(rows[i - 1].split(",")[3]).isAfter(Instant.parse(c[3])), "oldest first");
            }
        }
        assertEquals(4, captures);
        assertEquals(3, refunds);
        assertEquals(Map.of("capture USD", 15000L, "refund USD", 3500L, "capture EUR", 7000L, "refund EUR", 7000L,
                "capture JPY", 500L), sums);
        assertEquals(csv, Api.as(a[0], a[1]).accept("text/csv").queryParam("from", from).queryParam("to", to)
                .get("/api/v1/reports/transactions").then().statusCode(200).contentType("text/csv").extract().asString(),
                "Accept: text/csv answers with the CSV");
        assertEquals(settlementCsv, Api.as(a[0], a[1]).accept("text/csv").queryParam("from", from).queryParam("to", to)
                .get("/api/v1/reports/settlement").then().statusCode(200).contentType("text/csv").extract().asString());
        Api.as(a[0], a[1]).accept("application/json, text/csv").queryParam("from", from).queryParam("to", to)
                .get("/api/v1/reports/transactions").then().statusCode(200).contentType("application/json");
        assertTrue(Api.as(b[0], b[1]).queryParam("from", from).queryParam("to", to).get("/api/v1/reports/transactions.csv")
                .then().statusCode(200).extract().asString().split("\r\n").length == 2, "B's CSV has its one capture");
    }

    static String openSimulatorDispute(String reference, long amount, boolean inquiry) {
        return RestAssured.given().contentType("application/json")
                .body("{\"reference\":\"" + reference + "\",\"amount\":" + amount + ",\"reason\":\"fraudulent\",\"inquiry\":"
                        + inquiry + "}")
                .post("/simulator/disputes").then().statusCode(200).body("received", equalTo("applied")).extract().path("dispute_id");
    }

    @Test
    void disputeMoneyIsAWithdrawalAndAReinstatementLineAndCountsInTheNet() {
        Providers.Merchant m = Providers.routingTo("simulator");
        JsonPath won = m.api().body(Bodies.cardPayment(5000, "USD", PAN, "automatic")).post("/api/v1/payments").then()
                .statusCode(201).extract().jsonPath();
        JsonPath lost = m.api().body(Bodies.cardPayment(3000, "USD", PAN, "automatic")).post("/api/v1/payments").then()
                .statusCode(201).extract().jsonPath();
        JsonPath inquiry = m.api().body(Bodies.cardPayment(2000, "EUR", PAN, "automatic")).post("/api/v1/payments").then()
                .statusCode(201).extract().jsonPath();
        String wonSim = openSimulatorDispute(won.getString("provider_reference"), 5000, false);
        RestAssured.given().contentType("application/json").body("{\"outcome\":\"won\"}")
                .post("/simulator/disputes/" + wonSim + "/close").then().statusCode(200);
        String lostSim = openSimulatorDispute(lost.getString("provider_reference"), 1000, false);
        String lostId = m.api().queryParam("payment_id", lost.getString("id")).get("/api/v1/disputes").then().extract()
                .path("data[0].id");
        m.api().post("/api/v1/disputes/" + lostId + "/accept").then().statusCode(200).body("status", equalTo("lost"));
        openSimulatorDispute(inquiry.getString("provider_reference"), 2000, true); // an inquiry moves no money
        String wonId = m.api().queryParam("payment_id", won.getString("id")).get("/api/v1/disputes").then().extract()
                .path("data[0].id");
        String from = from();
        String to = to();

        JsonPath t = m.api().queryParam("from", from).queryParam("to", to).get("/api/v1/reports/transactions").then()
                .statusCode(200).extract().jsonPath();
        Map<String, Object> usd = t.getMap("data.find { it.currency == 'USD' }");
        assertEquals(List.of(8000, 2, 6000, 5000, 7000), List.of(usd.get("captured"), usd.get("disputes_count"),
                usd.get("dispute_withdrawn"), usd.get("dispute_reinstated"), usd.get("net")));
        Map<String, Object> eur = t.getMap("data.find { it.currency == 'EUR' }");
        assertEquals(List.of(2000, 0, 0, 0, 2000), List.of(eur.get("captured"), eur.get("disputes_count"),
                eur.get("dispute_withdrawn"), eur.get("dispute_reinstated"), eur.get("net")));

        List<Map<String, Object>> lines = m.api().queryParam("from", from).queryParam("to", to).queryParam("currency", "USD")
                .get("/api/v1/reports/settlement").then().statusCode(200).extract().jsonPath().getList("data");
        long[] sums = new long[5];
        for (Map<String, Object> l : lines) {
            assertEquals("simulator", l.get("provider"));
            sums[0] += ((Number) l.get("gross")).longValue();
            sums[1] += ((Number) l.get("refunds")).longValue();
            sums[2] += ((Number) l.get("dispute_withdrawn")).longValue();
            sums[3] += ((Number) l.get("dispute_reinstated")).longValue();
            sums[4] += ((Number) l.get("net")).longValue();
        }
        assertEquals(List.of(8000L, 0L, 6000L, 5000L, 7000L), java.util.Arrays.stream(sums).boxed().toList());

        String csv = m.api().queryParam("from", from).queryParam("to", to).get("/api/v1/reports/transactions.csv").then()
                .statusCode(200).extract().asString();
        List<String[]> rows = java.util.Arrays.stream(csv.split("\r\n")).skip(1).map(r -> r.split(",", -1)).toList();
        List<String> disputeLines = rows.stream().filter(c -> c[0].startsWith("dispute_"))
                .map(c -> String.join(" ", c[0], c[2], c[6], c[7], c[8], c[9], c[10])).toList();
        assertEquals(List.of(
                "dispute_withdrawal " + won.getString("id") + " -5000 -50.00 won " + wonSim + " " + wonId,
                "dispute_reinstatement " + won.getString("id") + " 5000 50.00 won " + wonSim + " " + wonId,
                "dispute_withdrawal " + lost.getString("id") + " -1000 -10.00 lost " + lostSim + " " + lostId), disputeLines);
        Map<String, Long> net = new HashMap<>();
        rows.forEach(c -> net.merge(c[5], (c[0].equals("refund") ? -1 : 1) * Long.parseLong(c[6]), Long::sum));
        assertEquals(Map.of("USD", 7000L, "EUR", 2000L), net, "the lines add up to the net");
    }

    @Test
    void aCaptureCountsWhenItHappenedNotWhenThePaymentWasCreated() {
        Providers.Merchant m = Providers.routingTo("simulator");
        String id = pay(m.api(), 4000, "GBP", "manual");
        Instant created = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Db.update("UPDATE payments SET created_at = ? WHERE id = ?", java.sql.Timestamp.from(created), id);
        m.api().body("{}").post("/api/v1/payments/" + id + "/capture").then().statusCode(200).body("status", equalTo("captured"));

        m.api().queryParam("from", from()).queryParam("to", to()).get("/api/v1/reports/transactions").then().statusCode(200)
                .body("data[0].currency", equalTo("GBP")).body("data[0].captured", equalTo(4000))
                .body("data[0].captured_count", equalTo(1)).body("data[0].payments_count", equalTo(0));
        String then = created.minus(1, ChronoUnit.DAYS).toString();
        String after = created.plus(1, ChronoUnit.DAYS).toString();
        m.api().queryParam("from", then).queryParam("to", after).get("/api/v1/reports/transactions").then().statusCode(200)
                .body("data[0].payments_count", equalTo(1)).body("data[0].captured", equalTo(0)).body("data[0].net", equalTo(0));
        String csv = m.api().queryParam("from", from()).queryParam("to", to()).get("/api/v1/reports/transactions.csv").then()
                .statusCode(200).extract().asString();
        String[] line = csv.split("\r\n")[1].split(",", -1);
        assertEquals(List.of("capture", id, "4000"), List.of(line[0], line[1], line[6]));
        assertTrue(Instant.parse(line[3]).isAfter(Instant.now().minus(1, ChronoUnit.HOURS)), "dated by the capture: " + line[3]);
        m.api().queryParam("from", then).queryParam("to", after).get("/api/v1/reports/settlement").then().statusCode(200)
                .body("data.size()", equalTo(0));
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Object[][] cases = {
                { null, "2026-02-01", null, "from" },
                { "2026-01-01", null, null, "to" },
                { "2026-13-01", "2027-01-01", null, "from" },
                { "yesterday", "2027-01-01", null, "from" },
                { "2026-01-01", "2026-01-01T25:00:00Z", null, "to" },
                { "2026-02-01", "2026-01-01", null, "to" },
                { now, now, null, "to" },
                { "2025-01-01", "2026-01-03", null, "to" },
                { "1969-12-31", "1970-01-02", null, "from" },
                { "2026-01-01", "2026-02-01", "usd", "currency" },
                { "2026-01-01", "2026-02-01", "XYZ", "currency" },
                { "2026-01-01", "2026-02-01", "US", "currency" },
        };
        for (String path : List.of("/api/v1/reports/transactions", "/api/v1/reports/transactions.csv",
                "/api/v1/reports/settlement", "/api/v1/reports/settlement.csv")) {
            for (Object[] c : cases) {
                RequestSpecification r = Api.seeded();
                if (c[0] != null) {
                    r.queryParam("from", c[0]);
                }
                if (c[1] != null) {
                    r.queryParam("to", c[1]);
                }
                if (c[2] != null) {
                    r.queryParam("currency", c[2]);
                }
                var answer = r.get(path);
                assertEquals(400, answer.statusCode(), path + " " + java.util.Arrays.toString(c) + " " + answer.asString());
                answer.then().statusCode(400).contentType("application/problem+json").body("param", equalTo(c[3]));
            }
            Api.seeded().queryParam("from", "2025-01-01").queryParam("to", "2026-01-02").get(path).then().statusCode(200);
        }
        RestAssured.given().queryParam("from", "2026-01-01").queryParam("to", "2026-02-01")
                .get("/api/v1/reports/transactions").then().statusCode(401);
    }

    @Test
    void aHundredThousandRowCsvIsStreamedPageByPage() throws Exception {
        String[] m = Api.newMerchant();
        String tag = Long.toString(System.nanoTime(), 36);
        int inserted = Db.update("WITH o AS (INSERT INTO orders (id, merchant_id, amount, currency, status, attempts, created_at, updated_at)"
                + " SELECT 'order_' || ? || g, ?, 100 + g % 900, 'USD', 'paid', 1, now() - g * interval '10 milliseconds',"
                + " now() - g * interval '10 milliseconds' FROM generate_series(1, 100000) g RETURNING id, amount, created_at)"
                + " INSERT INTO payments (id, merchant_id, order_id, amount, currency, status, method, method_details,"
                + " capture_method, provider, amount_authorized, amount_captured, created_at, updated_at)"
                + " SELECT 'pay_' || substr(o.id, 7), ?, o.id, o.amount, 'USD', 'captured', 'card', '{}'::jsonb, 'automatic',"
                + " 'simulator', o.amount, o.amount, o.created_at, o.created_at FROM o", tag, m[2], m[2]);
        assertEquals(100_000, inserted);
        long expectedSum = ((Number) Db.one("SELECT sum(amount_captured) AS s FROM payments WHERE merchant_id = ?", m[2])
                .get("s")).longValue();

        long pagesBefore = movements.pagesRead();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                + "/api/v1/reports/transactions.csv?from=" + Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
                + "&to=" + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)))
                .header("X-Api-Key", m[0]).header("X-Api-Secret", m[1]).GET().build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-length").isEmpty(), "streamed, not sized in advance");
        long lines = 0;
        long sum = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            assertTrue(header.startsWith("type,id,"), header);
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines++;
                sum += Long.parseLong(line.split(",", 8)[6]);
            }
        }
        assertEquals(100_000, lines);
        assertEquals(expectedSum, sum);
        // 200 full pages of 500 and the empty one that ends the stream: never more than a page in memory
        assertEquals(100_000 / MoneyMovements.PAGE_SIZE + 1, movements.pagesRead() - pagesBefore);
    }
}
