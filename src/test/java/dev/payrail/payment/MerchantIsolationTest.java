package dev.payrail.payment;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Another merchant's objects are indistinguishable from missing ones on every endpoint. */
@QuarkusTest
class MerchantIsolationTest {

    @Test
    void anotherMerchantsObjectsAreNotFoundEverywhere() {
        String[] a = Api.newMerchant();
        String[] b = Api.newMerchant();
        String orderId = Api.as(a[0], a[1]).body(Bodies.order(5000, "USD")).post("/api/v1/orders").then()
                .statusCode(201).extract().path("id");
        JsonPath authorized = Api.as(a[0], a[1]).body(Bodies.cardPaymentForOrder(orderId, "4242424242424242", "manual"))
                .post("/api/v1/payments").then().statusCode(201).extract().jsonPath();
        String pay = authorized.getString("id");
        String captured = Api.as(a[0], a[1]).body(Bodies.cardPayment(800, "USD", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
        String refund = Api.as(a[0], a[1]).body("{\"amount\":100}").post("/api/v1/payments/" + captured + "/refunds")
                .then().statusCode(201).extract().path("id");

        RequestSpecification other = Api.as(b[0], b[1]);
        String missingBody = other.get("/api/v1/payments/pay_00000000000000").then().statusCode(404)
                .extract().path("detail");
        expectNotFound(Api.as(b[0], b[1]).get("/api/v1/orders/" + orderId), "No such order.");
        expectNotFound(Api.as(b[0], b[1]).get("/api/v1/orders/" + orderId + "/payments"), "No such order.");
        expectNotFound(Api.as(b[0], b[1]).get("/api/v1/payments/" + pay), missingBody);
        expectNotFound(Api.as(b[0], b[1]).post("/api/v1/payments/" + pay + "/capture"), missingBody);
        expectNotFound(Api.as(b[0], b[1]).post("/api/v1/payments/" + pay + "/cancel"), missingBody);
        expectNotFound(Api.as(b[0], b[1]).body("{}").post("/api/v1/payments/" + captured + "/refunds"), missingBody);
        expectNotFound(Api.as(b[0], b[1]).get("/api/v1/payments/" + captured + "/refunds"), missingBody);
        expectNotFound(Api.as(b[0], b[1]).get("/api/v1/refunds/" + refund), "No such refund.");
        expectNotFound(Api.as(b[0], b[1]).body(Bodies.cardPaymentForOrder(orderId, "4242424242424242", "automatic"))
                .post("/api/v1/payments"), "No such order.");

        Api.as(b[0], b[1]).queryParam("limit", 100).get("/api/v1/payments").then().statusCode(200)
                .body("data.id", not(hasItem(pay)));
        Api.as(b[0], b[1]).queryParam("limit", 100).get("/api/v1/orders").then().statusCode(200)
                .body("data.id", not(hasItem(orderId)));
        Api.as(b[0], b[1]).queryParam("starting_after", pay).get("/api/v1/payments").then().statusCode(200)
                .body("data.size()", equalTo(0));
        // A still works on its own objects: nothing was changed by B.
        Api.as(a[0], a[1]).get("/api/v1/payments/" + pay).then().statusCode(200).body("status", equalTo("authorized"));
    }

    private static void expectNotFound(io.restassured.response.Response response, String detail) {
        response.then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND_ERROR")).body("detail", equalTo(detail));
    }
}
