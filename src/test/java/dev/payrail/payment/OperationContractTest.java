package dev.payrail.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.connector.simulator.SimulatorConnector;
import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.StoredResponses;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The API side of the operations contract: capture and cancel need no body, an operation the
 * provider does not offer is refused before anything is written, and a payment for an existing
 * order replays by its idempotency key after Redis lost the key.
 */
@QuarkusTest
class OperationContractTest {

    @Inject
    SimulatorConnector simulator;

    private static String authorized() {
        return Api.seeded().body(Bodies.cardPayment(900, "USD", "4242424242424242", "manual")).post("/api/v1/payments")
                .then().statusCode(201).extract().path("id");
    }

    /** A POST with no body and no Content-Type header at all (RestAssured would add one). */
    private static HttpResponse<String> barePost(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("X-Api-Key", Api.SEED_KEY).header("X-Api-Secret", Api.seedSecret())
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void captureWithoutBodyOrContentTypeCapturesTheWholeAuthorization() throws Exception {
        String id = authorized();
        HttpResponse<String> r = barePost("/api/v1/payments/" + id + "/capture");
        assertEquals(200, r.statusCode(), r.body());
        JsonPath p = new JsonPath(r.body());
        assertEquals("captured", p.getString("status"));
        assertEquals(900, p.getInt("amount_captured"));
    }

    @Test
    void cancelWithoutBodyOrContentTypeCancels() throws Exception {
        String id = authorized();
        HttpResponse<String> r = barePost("/api/v1/payments/" + id + "/cancel");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("cancelled", new JsonPath(r.body()).getString("status"));
    }

    @Test
    void aProviderThatDoesNotOfferCaptureOrVoidIsRefusedBeforeAnythingIsWritten() {
        String id = Api.seeded().body("{\"amount\":150000,\"currency\":\"EUR\",\"method\":\"bank_transfer\"}")
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
        Map<String, Object> before = Db.one("SELECT status, version FROM payments WHERE id = ?", id);
        long attempts = (Long) Db.one("SELECT count(*) AS n FROM payment_attempts WHERE payment_id = ?", id).get("n");
        for (String action : new String[] { "capture", "cancel" }) {
            Api.seeded().post("/api/v1/payments/" + id + "/" + action).then().statusCode(422)
                    .body("code", org.hamcrest.Matchers.equalTo("OPERATION_NOT_SUPPORTED"))
                    .body("provider", org.hamcrest.Matchers.equalTo("bank_transfer"));
        }
        assertEquals(before, Db.one("SELECT status, version FROM payments WHERE id = ?", id));
        assertEquals(attempts, Db.one("SELECT count(*) AS n FROM payment_attempts WHERE payment_id = ?", id).get("n"));
    }

    @Test
    void aPendingAnswerFromAProviderWithoutStatusQueriesIsNotQueuedForTheReconciler() {
        String id = Api.seeded().body("{\"amount\":150000,\"currency\":\"EUR\",\"method\":\"bank_transfer\"}")
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
        assertNull(Db.one("SELECT reconcile_after FROM payments WHERE id = ?", id).get("reconcile_after"),
                "an operator confirms bank transfers; nobody can be asked");
    }

    @Test
    void aRetriedPaymentForAPaidOrderReplaysItsPaymentAfterRedisLostTheKey() throws Exception {
        String order = Api.seeded().body(Bodies.order(2500, "USD")).post("/api/v1/orders").then().statusCode(201)
                .extract().path("id");
        String key = "order-pay-" + System.nanoTime();
        String body = Bodies.cardPaymentForOrder(order, "4242424242424242", "automatic");
        String id = Api.seeded().header("Idempotency-Key", key).body(body).post("/api/v1/payments").then().statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("captured")).extract().path("id");
        long calls = simulator.authorizeCalls();
        StoredResponses.loseAll();
        Response retry = Api.seeded().header("Idempotency-Key", key).body(body).post("/api/v1/payments");
        assertEquals(201, retry.statusCode(), retry.asString());
        assertEquals(id, retry.path("id"));
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals(calls, simulator.authorizeCalls(), "no second provider call");
        assertEquals(1, simulator.chargesFor(id));

        // another key for the paid order is still refused
        Api.seeded().header("Idempotency-Key", key + "-other").body(body).post("/api/v1/payments").then().statusCode(409)
                .body("code", org.hamcrest.Matchers.equalTo("INVALID_STATE"));
    }
}
