package dev.payrail.dispute;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.payrail.sandbox.paypal.PayPalSandbox;
import dev.payrail.sandbox.paypal.PayPalSandboxDisputes;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * PayPal disputes end to end through HTTP: the emulator opens a dispute on a captured order and
 * sends PayPal's signed {@code CUSTOMER.DISPUTE.*} webhooks to Payrail; Payrail records the dispute,
 * sends evidence ({@code provide-evidence}, multipart with the {@code input} JSON part) and
 * acceptance ({@code accept-claim}) to PayPal's Disputes API, and maps PayPal's refusals.
 */
@QuarkusTest
class PayPalDisputeTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String BASE = "/sandbox/paypal";

    @Inject
    PayPalSandboxDisputes paypalDisputes;
    @Inject
    PayPalSandbox paypal;

    private static RequestSpecification paypalApi() {
        String token = given().auth().preemptive().basic("payrail-sandbox-client", "payrail-sandbox-secret")
                .formParam("grant_type", "client_credentials").post(BASE + "/v1/oauth2/token").then().statusCode(200)
                .extract().path("access_token");
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    private static JsonPath captured(Providers.Merchant m, long amount) {
        return m.api().body(Bodies.cardPayment(amount, "USD", "4242424242424242", "automatic")).post("/api/v1/payments")
                .then().statusCode(201).body("status", equalTo("captured")).extract().jsonPath();
    }

    /** Opens a dispute at the emulator on the payment's order; PayPal's id. */
    private static String open(JsonPath payment, String stage) {
        return paypalApi().body("{\"order_id\":\"" + payment.getString("provider_reference")
                + "\",\"reason\":\"MERCHANDISE_OR_SERVICE_NOT_RECEIVED\",\"life_cycle_stage\":\"" + stage + "\"}")
                .post(BASE + "/test-helpers/disputes").then().statusCode(201)
                .body("status", equalTo("CHARGEBACK".equals(stage) ? "WAITING_FOR_SELLER_RESPONSE" : "OPEN"))
                .body("disputed_transactions[0].custom", equalTo(payment.getString("id")))
                .extract().path("dispute_id");
    }

    /** The Payrail dispute once CUSTOMER.DISPUTE.CREATED was applied. */
    private static JsonPath awaitDispute(Providers.Merchant m, String paymentId) {
        await().atMost(WAIT).until(() -> m.api().queryParam("payment_id", paymentId).get("/api/v1/disputes").then()
                .statusCode(200).extract().jsonPath().getList("data").size() == 1);
        return m.api().queryParam("payment_id", paymentId).get("/api/v1/disputes").then().extract().jsonPath();
    }

    private static String paymentStatus(Providers.Merchant m, String paymentId) {
        return m.api().get("/api/v1/payments/" + paymentId).then().statusCode(200).extract().path("status");
    }

    private static List<String> merchantEvents(String merchantId, String disputeId) {
        return Db.query("SELECT type FROM events WHERE merchant_id = ? AND object_id = ? ORDER BY created_at, id",
                merchantId, disputeId).stream().map(r -> (String) r.get("type")).toList();
    }

    private long sent(String pathEnd) {
        return paypal.received().stream().filter(r -> r.path().endsWith(pathEnd)).count();
    }

    @Test
    void evidenceGoesToPayPalAndASellerFavourSettlementWinsTheDispute() {
        Providers.Merchant m = Providers.routingTo("paypal");
        JsonPath p = captured(m, 2150);
        String paymentId = p.getString("id");
        String ppId = open(p, "CHARGEBACK");

        JsonPath list = awaitDispute(m, paymentId);
        String id = list.getString("data[0].id");
        assertEquals(ppId, list.getString("data[0].provider_dispute_id"));
        assertEquals("paypal", list.getString("data[0].provider"));
        assertEquals("needs_response", list.getString("data[0].status"));
        assertEquals("merchandise_or_service_not_received", list.getString("data[0].reason"));
        assertEquals(2150, list.getLong("data[0].amount"));
        assertEquals("disputed", paymentStatus(m, paymentId));

        // Staged: stored here only (PayPal has no staging), the dispute read back from PayPal.
        long provided = sent(ppId + "/provide-evidence");
        m.api().body("{\"evidence\":{\"product_description\":\"Two concert tickets\"}}")
                .post("/api/v1/disputes/" + id + "/evidence").then().statusCode(200)
                .body("status", equalTo("needs_response")).body("evidence.product_description", equalTo("Two concert tickets"));
        assertEquals(provided, sent(ppId + "/provide-evidence"));
        assertEquals("WAITING_FOR_SELLER_RESPONSE", paypalDisputes.statusOf(ppId));

        // Submitted: PayPal gets the tracking as proof of fulfilment and the text as notes; under review.
        m.api().body("{\"evidence\":{\"shipping_carrier\":\"FedEx\",\"shipping_tracking_number\":\"7720 1234\"},\"submit\":true}")
                .post("/api/v1/disputes/" + id + "/evidence").then().statusCode(200)
                .body("status", equalTo("under_review")).body("evidence_submitted_at", org.hamcrest.Matchers.notNullValue());
        assertEquals(provided + 1, sent(ppId + "/provide-evidence"));
        assertEquals("UNDER_REVIEW", paypalDisputes.statusOf(ppId));
        List<JsonNode> evidences = paypalDisputes.evidencesOf(ppId);
        assertEquals(2, evidences.size(), evidences.toString());
        assertEquals("PROOF_OF_FULFILLMENT", evidences.get(0).path("evidence_type").asText());
        assertEquals("FEDEX", evidences.get(0).at("/evidence_info/tracking_info/0/carrier_name").asText());
        assertEquals("7720 1234", evidences.get(0).at("/evidence_info/tracking_info/0/tracking_number").asText());
        assertEquals("OTHER", evidences.get(1).path("evidence_type").asText());
        assertTrue(evidences.get(1).path("notes").asText().contains("product_description: Two concert tickets"),
                evidences.toString());
        assertEquals("SUBMITTED_BY_SELLER", evidences.get(1).path("source").asText());

        // PayPal refuses to accept a claim it is reviewing: a 422 naming PayPal's issue, nothing changes here.
        m.api().post("/api/v1/disputes/" + id + "/accept").then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("PROVIDER_REJECTED"))
                .body("provider_error_code", equalTo("action_not_allowed_in_current_state"));
        m.api().get("/api/v1/disputes/" + id).then().body("status", equalTo("under_review"));

        // PayPal settles for the seller (its sandbox's adjudicate): CUSTOMER.DISPUTE.RESOLVED wins it here.
        paypalApi().body("{\"adjudication_outcome\":\"SELLER_FAVOR\"}").post(BASE + "/v1/customer/disputes/" + ppId + "/adjudicate")
                .then().statusCode(200).body("links[0].rel", equalTo("detail"));
        await().atMost(WAIT).untilAsserted(() -> {
            m.api().get("/api/v1/disputes/" + id).then().body("status", equalTo("won"));
            assertEquals("captured", paymentStatus(m, paymentId), "a won dispute returns the payment");
        });
        List<String> events = merchantEvents(m.id(), id);
        assertEquals("dispute.created", events.get(0));
        assertTrue(events.contains("dispute.updated"), events.toString());
        assertEquals(1, events.stream().filter("dispute.closed"::equals).count(), events.toString());
    }

    @Test
    void acceptingConcedesAtPayPalOnceAndTheDisputeIsLost() {
        Providers.Merchant m = Providers.routingTo("paypal");
        JsonPath p = captured(m, 3300);
        String ppId = open(p, "CHARGEBACK");
        String id = awaitDispute(m, p.getString("id")).getString("data[0].id");

        String first = m.api().header("Idempotency-Key", "accept-" + id).post("/api/v1/disputes/" + id + "/accept").then()
                .statusCode(200).body("status", equalTo("lost")).body("funds_withdrawn", equalTo(3300))
                .body("closed_at", org.hamcrest.Matchers.notNullValue()).extract().asString();
        String again = m.api().header("Idempotency-Key", "accept-" + id).post("/api/v1/disputes/" + id + "/accept").then()
                .statusCode(200).extract().asString();
        assertEquals(first, again, "the same key replays the first answer");
        assertEquals("RESOLVED", paypalDisputes.statusOf(ppId));
        assertEquals(1, sent(ppId + "/accept-claim"));
        m.api().post("/api/v1/disputes/" + id + "/accept").then().statusCode(409).body("code", equalTo("INVALID_STATE"));

        // PayPal's own RESOLVED webhook arrives too and changes nothing more.
        await().pollDelay(Duration.ofMillis(500)).atMost(WAIT).untilAsserted(() -> assertEquals(
                List.of("dispute.created", "dispute.closed"), merchantEvents(m.id(), id)));
        assertEquals("disputed", paymentStatus(m, p.getString("id")), "a lost dispute leaves the payment disputed");

        // The reports: the capture, and PayPal's refund to the buyer as a withdrawal; net 0.
        String from = java.time.Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String to = java.time.Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        m.api().queryParam("from", from).queryParam("to", to).get("/api/v1/reports/transactions").then().statusCode(200)
                .body("data[0].captured", equalTo(3300)).body("data[0].dispute_withdrawn", equalTo(3300))
                .body("data[0].net", equalTo(0));
        String csv = m.api().queryParam("from", from).queryParam("to", to).get("/api/v1/reports/transactions.csv").then()
                .statusCode(200).extract().asString();
        assertTrue(csv.contains(",paypal,USD,-3300,-33.00,lost," + ppId + "," + id + "\r\n"), csv);
    }

    @Test
    void documentsAndAnInquirysEvidenceAreRefusedWithNothingChanged() {
        Providers.Merchant m = Providers.routingTo("paypal");
        JsonPath p = captured(m, 1200);
        String ppId = open(p, "CHARGEBACK");
        String id = awaitDispute(m, p.getString("id")).getString("data[0].id");
        long provided = sent(ppId + "/provide-evidence");
        m.api().body("{\"evidence\":{\"receipt\":\"file_abc123\",\"customer_name\":\"Jo\"},\"submit\":true}")
                .post("/api/v1/disputes/" + id + "/evidence").then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("PROVIDER_REJECTED")).body("provider_error_code", equalTo("evidence_not_supported"))
                .body("detail", containsString("receipt"));
        assertEquals(provided, sent(ppId + "/provide-evidence"), "nothing was sent");
        m.api().get("/api/v1/disputes/" + id).then().body("status", equalTo("needs_response"))
                .body("evidence.customer_name", org.hamcrest.Matchers.nullValue());

        // An inquiry takes no evidence at PayPal (only a dispute waiting for the seller does).
        JsonPath q = captured(m, 1300);
        String inquiry = open(q, "INQUIRY");
        String qid = awaitDispute(m, q.getString("id")).getString("data[0].id");
        m.api().get("/api/v1/disputes/" + qid).then().body("status", equalTo("warning_needs_response"));
        m.api().body("{\"evidence\":{\"customer_name\":\"Jo\"},\"submit\":true}").post("/api/v1/disputes/" + qid + "/evidence")
                .then().statusCode(422).body("provider_error_code", equalTo("action_not_allowed_in_current_state"));
        assertEquals("OPEN", paypalDisputes.statusOf(inquiry));
        m.api().get("/api/v1/disputes/" + qid).then().body("evidence_submitted_at", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void theEmulatorsDisputesApiChecksAuthStateAndInputAndReplaysARequestId() {
        Providers.Merchant m = Providers.routingTo("paypal");
        JsonPath p = captured(m, 1000);
        String ppId = open(p, "CHARGEBACK");
        given().get(BASE + "/v1/customer/disputes/" + ppId).then().statusCode(401).body("name", equalTo("AUTHENTICATION_FAILURE"));
        paypalApi().get(BASE + "/v1/customer/disputes/PP-D-NOPE").then().statusCode(404).body("name", equalTo("RESOURCE_NOT_FOUND"));
        paypalApi().get(BASE + "/v1/customer/disputes/" + ppId).then().statusCode(200).body("dispute_id", equalTo(ppId))
                .body("dispute_amount.value", equalTo("10.00")).body("links.rel", org.hamcrest.Matchers.hasItems("accept_claim", "provide_evidence"));
        paypalApi().contentType("multipart/form-data").multiPart("input", "{\"evidences\":[{\"evidence_type\":\"NONSENSE\",\"notes\":\"x\"}]}")
                .post(BASE + "/v1/customer/disputes/" + ppId + "/provide-evidence").then().statusCode(400)
                .body("name", equalTo("INVALID_REQUEST")).body("details[0].issue", equalTo("INVALID_PARAMETER_VALUE"));
        paypalApi().body("{}").post(BASE + "/v1/customer/disputes/" + ppId + "/accept-claim").then().statusCode(400)
                .body("details[0].issue", equalTo("MISSING_REQUIRED_PARAMETER"));
        String body = "{\"note\":\"Refunding\",\"accept_claim_type\":\"REFUND\"}";
        paypalApi().header("PayPal-Request-Id", "acc-" + ppId).body(body).post(BASE + "/v1/customer/disputes/" + ppId + "/accept-claim")
                .then().statusCode(200);
        paypalApi().header("PayPal-Request-Id", "acc-" + ppId).body(body).post(BASE + "/v1/customer/disputes/" + ppId + "/accept-claim")
                .then().statusCode(200);
        paypalApi().body(body).post(BASE + "/v1/customer/disputes/" + ppId + "/accept-claim").then().statusCode(422)
                .body("name", equalTo("UNPROCESSABLE_ENTITY")).body("details[0].issue", equalTo("ACTION_NOT_ALLOWED_IN_CURRENT_STATE"));
        paypalApi().get(BASE + "/v1/customer/disputes/" + ppId).then().body("status", equalTo("RESOLVED"))
                .body("dispute_outcome.outcome_code", equalTo("RESOLVED_BUYER_FAVOUR"))
                .body("dispute_outcome.amount_refunded.value", equalTo("10.00"));
        paypalApi().body("{\"order_id\":\"NO-SUCH-ORDER\"}").post(BASE + "/test-helpers/disputes").then().statusCode(404);
    }
}
