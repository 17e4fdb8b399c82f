package dev.payrail.customer;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code /api/v1/customers}: the whole life of a customer, its rules, and other merchants kept out. */
@QuarkusTest
class CustomerTest {

    private static String unique() {
        return Long.toString(System.nanoTime(), 36);
    }

    private static JsonPath create(Providers.Merchant m, String body) {
        return m.api().header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post("/api/v1/customers")
                .then().statusCode(201).extract().jsonPath();
    }

    @Test
    void aCustomerIsCreatedReadUpdatedAndDeleted() {
        Providers.Merchant m = Providers.routingTo();
        String email = "Ada." + unique() + "@Example.com";
        JsonPath c = create(m, "{\"email\":\"" + email + "\",\"name\":\"Ada Lovelace\",\"phone\":\"+442071234567\","
                + "\"description\":\"first\",\"metadata\":{\"crm_id\":\"42\"}}");
        String id = c.getString("id");
        assertTrue(id.startsWith("cus_"), id);
        assertEquals("customer", c.getString("object"));
        assertEquals(email, c.getString("email"), "stored as given");

        m.api().get("/api/v1/customers/" + id).then().statusCode(200).body("name", equalTo("Ada Lovelace"))
                .body("metadata.crm_id", equalTo("42"));

        m.api().body("{\"name\":\"Ada King\",\"phone\":\"\",\"metadata\":{\"tier\":\"gold\"}}")
                .patch("/api/v1/customers/" + id).then().statusCode(200)
                .body("name", equalTo("Ada King")).body("$", not(hasKey("phone")))
                .body("email", equalTo(email)).body("description", equalTo("first"))
                .body("metadata.tier", equalTo("gold")).body("metadata.crm_id", nullValue());

        m.api().delete("/api/v1/customers/" + id).then().statusCode(200).body("deleted", equalTo(true));
        m.api().get("/api/v1/customers/" + id).then().statusCode(404).body("code", equalTo("NOT_FOUND_ERROR"));
        m.api().delete("/api/v1/customers/" + id).then().statusCode(404);
        m.api().body("{\"name\":\"x\"}").patch("/api/v1/customers/" + id).then().statusCode(404);
        m.api().queryParam("email", email).get("/api/v1/customers").then().statusCode(200).body("data.size()", equalTo(0));
        assertEquals(List.of("customer.create", "customer.update", "customer.delete"),
                Db.query("SELECT action FROM audit_log WHERE object_id = ? ORDER BY id", id).stream()
                        .map(r -> r.get("action")).toList());
    }

    @Test
    void theListIsNewestFirstPagesByCursorAndFindsByEmailInAnyCase() {
        Providers.Merchant m = Providers.routingTo();
        String tag = unique();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(m, "{\"email\":\"c" + i + "." + tag + "@example.com\"}").getString("id"));
        }
        JsonPath first = m.api().queryParam("limit", 2).get("/api/v1/customers").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(ids.get(4), ids.get(3)), first.getList("data.id"));
        assertTrue(first.getBoolean("has_more"));
        JsonPath second = m.api().queryParam("limit", 2).queryParam("starting_after", first.getString("next_cursor"))
                .get("/api/v1/customers").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(ids.get(2), ids.get(1)), second.getList("data.id"));
        JsonPath last = m.api().queryParam("limit", 2).queryParam("starting_after", second.getString("next_cursor"))
                .get("/api/v1/customers").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(ids.get(0)), last.getList("data.id"));
        assertFalse(last.getBoolean("has_more"));

        m.api().queryParam("email", "C3." + tag.toUpperCase() + "@EXAMPLE.COM").get("/api/v1/customers").then()
                .statusCode(200).body("data.id", equalTo(List.of(ids.get(3))));
    }

    @Test
    void anotherMerchantsCustomerDoesNotExist() {
        Providers.Merchant owner = Providers.routingTo();
        Providers.Merchant other = Providers.routingTo();
        String email = "own." + unique() + "@example.com";
        String id = create(owner, "{\"email\":\"" + email + "\"}").getString("id");
        other.api().get("/api/v1/customers/" + id).then().statusCode(404);
        other.api().body("{\"name\":\"Mallory\"}").patch("/api/v1/customers/" + id).then().statusCode(404);
        other.api().delete("/api/v1/customers/" + id).then().statusCode(404);
        other.api().queryParam("email", email).get("/api/v1/customers").then().statusCode(200).body("data.size()", equalTo(0));
        other.api().queryParam("starting_after", id).get("/api/v1/customers").then().statusCode(200)
                .body("data.size()", equalTo(0));
        owner.api().get("/api/v1/customers/" + id).then().statusCode(200).body("$", not(hasKey("name")));
    }

    @Test
    void badFieldsAreRefusedNamingTheFieldAndNothingIsStored() {
        Providers.Merchant m = Providers.routingTo();
        String[][] cases = {
                { "{\"email\":\"not-an-email\"}", "email" },
                { "{\"email\":\"a@b@example.com\"}", "email" },
                { "{\"phone\":\"030 123456\"}", "phone" },
                { "{\"name\":\"   \"}", "name" },
                { "{\"name\":\"" + "n".repeat(256) + "\"}", "name" },
                { "{\"description\":\"card 4242 4242 4242 4242\"}", "description" },
                { "{\"name\":\"a\\u0000b\"}", "name" },
                { "{\"metadata\":{\"nested\":{\"a\":1}}}", "metadata.nested" },
                { "{\"nickname\":\"x\"}", "nickname" } };
        for (String[] c : cases) {
            m.api().header("Idempotency-Key", UUID.randomUUID().toString()).body(c[0]).post("/api/v1/customers").then()
                    .statusCode(400).contentType("application/problem+json").body("param", equalTo(c[1]));
        }
        assertEquals(0, Db.query("SELECT 1 FROM customers WHERE merchant_id = ?", m.id()).size());
        m.api().queryParam("email", "nope").get("/api/v1/customers").then().statusCode(400).body("param", equalTo("email"));
        m.api().queryParam("starting_after", "order_abc").get("/api/v1/customers").then().statusCode(400)
                .body("param", equalTo("starting_after"));
    }

    @Test
    void aRetryWithTheSameKeyReplaysTheCustomerAndAnotherBodyIsRefused() {
        Providers.Merchant m = Providers.routingTo();
        String key = UUID.randomUUID().toString();
        String body = "{\"email\":\"retry." + unique() + "@example.com\"}";
        String id = m.api().header("Idempotency-Key", key).body(body).post("/api/v1/customers").then().statusCode(201)
                .extract().path("id");
        m.api().header("Idempotency-Key", key).body(body).post("/api/v1/customers").then().statusCode(201)
                .body("id", equalTo(id));
        m.api().header("Idempotency-Key", key).body("{\"email\":\"other@example.com\"}").post("/api/v1/customers").then()
                .statusCode(422);
        assertEquals(1, Db.query("SELECT 1 FROM customers WHERE merchant_id = ?", m.id()).size());
    }
}
