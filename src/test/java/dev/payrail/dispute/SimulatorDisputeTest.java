package dev.payrail.dispute;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Disputes at the simulator: opened and decided by the simulator's signed webhooks, answered through Payrail's API. */
@QuarkusTest
class SimulatorDisputeTest {

    private static JsonPath captured(Providers.Merchant m, long amount) {
        return m.api().body(Bodies.cardPayment(amount, "EUR", "4242424242424242", "automatic")).post("/api/v1/payments")
                .then().statusCode(201).body("status", equalTo("captured")).extract().jsonPath();
    }

    private static String open(String reference, long amount, boolean inquiry) {
        return given().contentType("application/json")
                .body("{\"reference\":\"" + reference + "\",\"amount\":" + amount + ",\"reason\":\"product_not_received\","
                        + "\"inquiry\":" + inquiry + "}")
                .post("/simulator/disputes").then().statusCode(200).body("received", equalTo("applied"))
                .extract().path("dispute_id");
    }

    private static String paymentStatus(Providers.Merchant m, String id) {
        return m.api().get("/api/v1/payments/" + id).then().statusCode(200).extract().path("status");
    }

    @Test
    void aSimulatedDisputeIsAnsweredWithEvidenceAndWon() {
        Providers.Merchant m = Providers.routingTo("simulator");
        JsonPath p = captured(m, 2700);
        String simId = open(p.getString("provider_reference"), 2700, false);
        JsonPath list = m.api().queryParam("payment_id", p.getString("id")).get("/api/v1/disputes").then().statusCode(200)
                .extract().jsonPath();
        String id = list.getString("data[0].id");
        assertEquals(simId, list.getString("data[0].provider_dispute_id"));
        assertEquals("needs_response", list.getString("data[0].status"));
        assertEquals("EUR", list.getString("data[0].currency"));
        assertEquals(2700, list.getLong("data[0].funds_withdrawn"));
        assertEquals("disputed", paymentStatus(m, p.getString("id")));

        m.api().body("{\"evidence\":{\"shipping_tracking_number\":\"1Z999AA10123456784\",\"shipping_carrier\":\"UPS\"},"
                + "\"submit\":true}").post("/api/v1/disputes/" + id + "/evidence").then().statusCode(200)
                .body("status", equalTo("under_review")).body("evidence.shipping_carrier", equalTo("UPS"));

        given().contentType("application/json").body("{\"outcome\":\"won\"}").post("/simulator/disputes/" + simId + "/close")
                .then().statusCode(200).body("received", equalTo("applied"));
        m.api().get("/api/v1/disputes/" + id).then().statusCode(200).body("status", equalTo("won"))
                .body("funds_reinstated", equalTo(2700));
        assertEquals("captured", paymentStatus(m, p.getString("id")));
        assertEquals(List.of("dispute.created", "dispute.updated", "dispute.closed"),
                Db.query("SELECT type FROM events WHERE object_id = ? ORDER BY created_at", id).stream()
                        .map(r -> r.get("type")).toList());
    }

    @Test
    void anAcceptedSimulatedDisputeIsLostAndCannotBeDecidedAgain() {
        Providers.Merchant m = Providers.routingTo("simulator");
        JsonPath p = captured(m, 900);
        String simId = open(p.getString("provider_reference"), 900, false);
        String id = m.api().queryParam("payment_id", p.getString("id")).get("/api/v1/disputes").then().extract()
                .path("data[0].id");
        m.api().post("/api/v1/disputes/" + id + "/accept").then().statusCode(200).body("status", equalTo("lost"));
        assertEquals("disputed", paymentStatus(m, p.getString("id")));
        given().contentType("application/json").body("{\"outcome\":\"won\"}").post("/simulator/disputes/" + simId + "/close")
                .then().statusCode(404);
    }

    @Test
    void aSimulatedInquiryClosesAndReturnsThePayment() {
        Providers.Merchant m = Providers.routingTo("simulator");
        JsonPath p = captured(m, 1200);
        String simId = open(p.getString("provider_reference"), 1200, true);
        String id = m.api().queryParam("payment_id", p.getString("id")).get("/api/v1/disputes").then()
                .body("data[0].status", equalTo("warning_needs_response")).body("data[0].funds_withdrawn", equalTo(0))
                .extract().path("data[0].id");
        given().contentType("application/json").body("{\"outcome\":\"lost\"}").post("/simulator/disputes/" + simId + "/close")
                .then().statusCode(200);
        m.api().get("/api/v1/disputes/" + id).then().body("status", equalTo("warning_closed"));
        assertEquals("captured", paymentStatus(m, p.getString("id")));
    }
}
