package dev.payrail.risk;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Block lists: managed through the API per merchant, and a match blocks the payment before any provider call. */
@QuarkusTest
class BlocklistApiTest {

    @Test
    void entriesAreCreatedListedReadAndDeletedWithProblemsForBadInput() {
        var shop = RiskFixtures.shop();
        String id = shop.api().body("{\"type\":\"email\",\"value\":\" Fraud@Example.COM \",\"note\":\"chargebacks\"}")
                .post("/api/v1/risk/blocklist").then().statusCode(201)
                .body("id", org.hamcrest.Matchers.matchesPattern("rbl_[0-9A-Za-z]{14,}"))
                .body("object", equalTo("blocklist_entry")).body("type", equalTo("email"))
                .body("value", equalTo("fraud@example.com")).body("note", equalTo("chargebacks"))
                .extract().path("id");
        shop.api().body("{\"type\":\"email\",\"value\":\"FRAUD@example.com\"}").post("/api/v1/risk/blocklist").then()
                .statusCode(409).contentType("application/problem+json").body("code", equalTo("CONFLICT"));
        shop.api().body("{\"type\":\"phone\",\"value\":\"1\"}").post("/api/v1/risk/blocklist").then().statusCode(400)
                .contentType("application/problem+json").body("param", equalTo("type"));
        shop.api().body("{\"type\":\"bin\",\"value\":\"4242\"}").post("/api/v1/risk/blocklist").then().statusCode(400)
                .body("param", equalTo("value"));
        shop.api().body("{\"type\":\"ip\",\"value\":\"example.com\"}").post("/api/v1/risk/blocklist").then()
                .statusCode(400).body("param", equalTo("value"));
        shop.api().body("{\"type\":\"card_fingerprint\",\"value\":\"short\"}").post("/api/v1/risk/blocklist").then()
                .statusCode(400).body("param", equalTo("value"));
        shop.api().body("{\"type\":\"email\",\"value\":\"a@b.co\",\"extra\":1}").post("/api/v1/risk/blocklist").then()
                .statusCode(400).contentType("application/problem+json");
        String ip = shop.api().body("{\"type\":\"ip\",\"value\":\"2001:DB8:0:0:0:0:0:1\"}").post("/api/v1/risk/blocklist")
                .then().statusCode(201).body("value", equalTo("2001:db8:0:0:0:0:0:1")).extract().path("id");

        shop.api().get("/api/v1/risk/blocklist").then().statusCode(200).body("object", equalTo("list"))
                .body("data.id", equalTo(List.of(ip, id)));
        shop.api().queryParam("type", "email").get("/api/v1/risk/blocklist").then().statusCode(200)
                .body("data.id", equalTo(List.of(id)));
        shop.api().queryParam("limit", 1).get("/api/v1/risk/blocklist").then().statusCode(200)
                .body("data.id", equalTo(List.of(ip))).body("has_more", equalTo(true));
        shop.api().queryParam("limit", 1).queryParam("starting_after", ip).get("/api/v1/risk/blocklist").then()
                .statusCode(200).body("data.id", equalTo(List.of(id)));
        shop.api().queryParam("type", "nope").get("/api/v1/risk/blocklist").then().statusCode(400)
                .body("param", equalTo("type"));
        shop.api().get("/api/v1/risk/blocklist/" + id).then().statusCode(200).body("value", equalTo("fraud@example.com"));

        shop.api().delete("/api/v1/risk/blocklist/" + id).then().statusCode(200).body("deleted", equalTo(true));
        shop.api().delete("/api/v1/risk/blocklist/" + id).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("NOT_FOUND_ERROR"));
        shop.api().get("/api/v1/risk/blocklist").then().statusCode(200).body("data.id", equalTo(List.of(ip)));
    }

    @Test
    void anotherMerchantsEntriesAreInvisibleAndUntouchable() {
        var a = RiskFixtures.shop();
        var b = RiskFixtures.shop();
        String entry = a.block("bin", "424242");
        b.api().get("/api/v1/risk/blocklist/" + entry).then().statusCode(404);
        b.api().delete("/api/v1/risk/blocklist/" + entry).then().statusCode(404);
        b.api().get("/api/v1/risk/blocklist").then().statusCode(200).body("data.id", not(hasItem(entry)));
        // A's entry blocks A's payments only.
        a.pay(RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic")).then().statusCode(402)
                .body("decline_code", equalTo("fraudulent"));
        b.pay(RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic")).then().statusCode(201)
                .body("status", equalTo("captured")).body("risk.decision", equalTo("allow"));
        a.api().get("/api/v1/risk/blocklist/" + entry).then().statusCode(200);
    }

    @Test
    void aBlockedCardIsDeclinedFraudulentWithoutCallingTheProviderUntilItsEntryIsDeleted() {
        var shop = RiskFixtures.shop();
        JsonPath first = shop.pay(RiskFixtures.card(1500, "EUR", RiskFixtures.VISA, "automatic")).then().statusCode(201)
                .body("risk.decision", equalTo("allow")).body("risk.score", equalTo(0)).extract().jsonPath();
        String fingerprint = first.getString("card.fingerprint");
        String entry = shop.block("card_fingerprint", fingerprint);

        String blocked = shop.pay(RiskFixtures.card(1500, "EUR", RiskFixtures.VISA, "automatic")).then().statusCode(402)
                .contentType("application/problem+json").body("code", equalTo("PAYMENT_DECLINED"))
                .body("decline_code", equalTo("fraudulent")).extract().path("payment_id");
        JsonPath p = shop.payment(blocked);
        assertEquals("failed", p.getString("status"));
        assertEquals("fraudulent", p.getString("decline_code"));
        assertEquals("block", p.getString("risk.decision"));
        assertEquals(100, p.getInt("risk.score"));
        assertEquals("blocklist", p.getString("risk.reasons[0].rule"));
        assertEquals("card_fingerprint is on the block list (" + entry + ")", p.getString("risk.reasons[0].detail"));
        assertNull(p.getString("provider_reference"), "the provider never saw the payment");
        assertEquals(List.of("not_sent"), p.getList("attempts.outcome"));
        assertEquals(List.of("payment.created", "payment.failed"), RiskFixtures.eventTypes(blocked));
        // the merchant finds the decision in the list too
        shop.api().get("/api/v1/payments").then().statusCode(200).body("data[0].id", equalTo(blocked))
                .body("data[0].risk.decision", equalTo("block"));

        shop.api().delete("/api/v1/risk/blocklist/" + entry).then().statusCode(200);
        shop.pay(RiskFixtures.card(1500, "EUR", RiskFixtures.VISA, "automatic")).then().statusCode(201)
                .body("status", equalTo("captured"));
    }

    @Test
    void graphQLShowsTheDecisionToTheMerchantToo() {
        var shop = RiskFixtures.shop();
        String entry = shop.block("bin", "424242");
        String blocked = shop.pay(RiskFixtures.card(800, "USD", RiskFixtures.VISA, "automatic")).then().statusCode(402)
                .extract().path("payment_id");
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("query", "query($id: String!) { payment(id: $id) { status risk { score decision review "
                + "reasons { rule points detail } } } }");
        body.put("variables", java.util.Map.of("id", blocked));
        JsonPath read = shop.api().body(body).post("/graphql").then().statusCode(200)
                .body("errors", org.hamcrest.Matchers.nullValue()).extract().jsonPath();
        assertEquals("failed", read.getString("data.payment.status"));
        assertEquals("block", read.getString("data.payment.risk.decision"));
        assertEquals(100, read.getInt("data.payment.risk.score"));
        assertEquals(List.of("blocklist"), read.getList("data.payment.risk.reasons.rule"));
        assertEquals("bin is on the block list (" + entry + ")", read.getString("data.payment.risk.reasons[0].detail"));
    }

    @Test
    void aBlockedBinOrEmailBlocksTheCardOrReceipt() {
        var shop = RiskFixtures.shop();
        shop.block("bin", "555555");
        shop.block("email", "fraud@example.com");
        shop.pay(RiskFixtures.card(900, "USD", RiskFixtures.MASTERCARD, "automatic")).then().statusCode(402)
                .body("decline_code", equalTo("fraudulent"));
        shop.pay(RiskFixtures.card(900, "USD", RiskFixtures.VISA, "automatic")).then().statusCode(201);
        String byEmail = shop.pay(RiskFixtures.card(900, "USD", RiskFixtures.VISA, "automatic",
                "\"receipt\":\"Fraud@Example.com\"")).then().statusCode(402).extract().path("payment_id");
        assertEquals("email", shop.payment(byEmail).getString("risk.reasons[0].detail").split(" ")[0]);
        shop.pay(RiskFixtures.card(900, "USD", RiskFixtures.VISA, "automatic", "\"receipt\":\"ok@example.com\""))
                .then().statusCode(201);
    }
}
