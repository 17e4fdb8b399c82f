package dev.payrail.order;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class OrderTest {

    @Test
    void createReadAndList() {
        String[] m = Api.newMerchant();
        JsonPath created = Api.as(m[0], m[1])
                .body("{\"amount\":49900,\"currency\":\"INR\",\"receipt\":\"r-1\",\"notes\":{\"sku\":\"A-1\",\"qty\":2}}")
                .post("/api/v1/orders").then().statusCode(201)
                .body("id", matchesPattern("order_[0-9A-Za-z]{14}"))
                .body("status", equalTo("created")).body("amount", equalTo(49900)).body("currency", equalTo("INR"))
                .body("notes.sku", equalTo("A-1")).body("notes.qty", equalTo(2)).body("attempts", equalTo(0))
                .extract().jsonPath();
        String id = created.getString("id");
        Api.as(m[0], m[1]).get("/api/v1/orders/" + id).then().statusCode(200).body("receipt", equalTo("r-1"));
        for (int i = 0; i < 3; i++) {
            Api.as(m[0], m[1]).body("{\"amount\":" + (100 + i) + ",\"currency\":\"USD\"}").post("/api/v1/orders")
                    .then().statusCode(201);
        }
        JsonPath page = Api.as(m[0], m[1]).queryParam("limit", 3).get("/api/v1/orders").then().statusCode(200)
                .body("has_more", equalTo(true)).extract().jsonPath();
        assertEquals(List.of(102, 101, 100), page.getList("data.amount"));
        JsonPath rest = Api.as(m[0], m[1]).queryParam("starting_after", page.getString("data[2].id"))
                .get("/api/v1/orders").then().statusCode(200).body("has_more", equalTo(false)).extract().jsonPath();
        assertEquals(List.of(id), rest.getList("data.id"));
        Api.as(m[0], m[1]).queryParam("status", "paid").get("/api/v1/orders").then().statusCode(200)
                .body("data.size()", equalTo(0));
        Api.as(m[0], m[1]).queryParam("status", "created").queryParam("created_lte", "2000-01-01T00:00:00Z")
                .get("/api/v1/orders").then().statusCode(200).body("data.size()", equalTo(0));
        Api.as(m[0], m[1]).queryParam("created_gte", String.valueOf(System.currentTimeMillis() / 1000 - 600))
                .get("/api/v1/orders").then().statusCode(200).body("data.size()", equalTo(4));
        Api.as(m[0], m[1]).get("/api/v1/orders/" + id + "/payments").then().statusCode(200)
                .body("data.size()", equalTo(0));
    }

    @Test
    void zeroAndThreeDecimalCurrencies() {
        Api.seeded().body("{\"amount\":1500,\"currency\":\"JPY\"}").post("/api/v1/orders").then().statusCode(201);
        Api.seeded().body("{\"amount\":1500,\"currency\":\"KWD\"}").post("/api/v1/orders").then().statusCode(201);
        Api.seeded().body("{\"amount\":100000000,\"currency\":\"JPY\"}").post("/api/v1/orders").then().statusCode(400)
                .body("param", equalTo("amount"));
        Api.seeded().body("{\"amount\":99999999,\"currency\":\"JPY\"}").post("/api/v1/orders").then().statusCode(201);
        Api.seeded().body("{\"amount\":99999999999,\"currency\":\"KWD\"}").post("/api/v1/orders").then().statusCode(201);
    }

    @Test
    void badInputIsRejectedAndNothingIsCreated() {
        String[] m = Api.newMerchant();
        String[][] cases = {
                { "{\"amount\":0,\"currency\":\"USD\"}", "amount" },
                { "{\"amount\":-100,\"currency\":\"USD\"}", "amount" },
                { "{\"amount\":10.5,\"currency\":\"USD\"}", "amount" },
                { "{\"amount\":100.0,\"currency\":\"USD\"}", "amount" },
                { "{\"amount\":\"100\",\"currency\":\"USD\"}", "amount" },
                { "{\"amount\":1e3,\"currency\":\"USD\"}", "amount" },
                { "{\"amount\":99999999999999999999,\"currency\":\"USD\"}", "amount" },
                { "{\"amount\":10000000000,\"currency\":\"USD\"}", "amount" },
                { "{\"amount\":true,\"currency\":\"USD\"}", "amount" },
                { "{\"currency\":\"USD\"}", "amount" },
                { "{\"amount\":100,\"currency\":\"usd\"}", "currency" },
                { "{\"amount\":100,\"currency\":\"XYZ\"}", "currency" },
                { "{\"amount\":100}", "currency" },
                { "{\"amount\":100,\"currency\":\"USD\",\"status\":\"paid\"}", "status" },
                { "{\"amount\":100,\"currency\":\"USD\",\"merchant_id\":\"mer_x\"}", "merchant_id" },
                { "{\"amount\":100,\"currency\":\"USD\",\"notes\":[1]}", "notes" },
                { "{\"amount\":100,\"currency\":\"USD\",\"notes\":{\"a\":{\"b\":1}}}", "notes.a" },
                { "{\"amount\":100,\"currency\":\"USD\",\"receipt\":\"" + "r".repeat(256) + "\"}", "receipt" },
        };
        for (String[] c : cases) {
            Api.as(m[0], m[1]).body(c[0]).post("/api/v1/orders").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("BAD_REQUEST_ERROR")).body("param", equalTo(c[1]));
        }
        Api.as(m[0], m[1]).body("{\"amount\":").post("/api/v1/orders").then().statusCode(400);
        Api.as(m[0], m[1]).get("/api/v1/orders").then().body("data.size()", equalTo(0));
        Api.as(m[0], m[1]).queryParam("starting_after", "garbage").get("/api/v1/orders").then().statusCode(400)
                .body("param", equalTo("starting_after"));
        Api.as(m[0], m[1]).queryParam("starting_after", "order_'; drop table--").get("/api/v1/orders").then()
                .statusCode(400).body("param", equalTo("starting_after"));
        Api.as(m[0], m[1]).queryParam("limit", 0).get("/api/v1/orders").then().statusCode(400)
                .body("param", equalTo("limit"));
        Api.as(m[0], m[1]).queryParam("limit", 101).get("/api/v1/orders").then().statusCode(400);
        Api.as(m[0], m[1]).queryParam("limit", "ten").get("/api/v1/orders").then().statusCode(400);
        assertTrue(true);
    }
}
