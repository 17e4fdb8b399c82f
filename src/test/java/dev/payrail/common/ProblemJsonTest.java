package dev.payrail.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class ProblemJsonTest {

    private static ValidatableResponse problem(ValidatableResponse r, int status, String code) {
        return r.statusCode(status)
                .contentType("application/problem+json")
                .body("type", startsWith("https://payrail.dev/problems/"))
                .body("title", notNullValue())
                .body("status", equalTo(status))
                .body("detail", notNullValue())
                .body("code", equalTo(code))
                .body("request_id", notNullValue());
    }

    @Test
    void unknownRouteOutsideTheApi() {
        problem(given().get("/no/such/route").then(), 404, "NOT_FOUND_ERROR");
    }

    @Test
    void wrongMethod() {
        problem(Api.seeded().delete("/api/v1/merchant").then(), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void unsupportedMediaType() {
        problem(Api.admin().contentType("text/plain").body("hello").post("/admin/v1/merchants").then(),
                415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void malformedJson() {
        problem(Api.admin().body("{\"name\": ").post("/admin/v1/merchants").then(), 400, "BAD_REQUEST_ERROR");
    }

    @Test
    void wrongJsonType() {
        problem(Api.admin().body("[1,2,3]").post("/admin/v1/merchants").then(), 400, "BAD_REQUEST_ERROR");
        problem(Api.admin().body("{\"name\":{\"x\":1},\"email\":\"a@b.example\"}").post("/admin/v1/merchants").then(),
                400, "BAD_REQUEST_ERROR").body("param", equalTo("name"));
    }

    @Test
    void unknownFieldIsRejectedAndNamed() {
        problem(Api.admin().body("{\"name\":\"A\",\"email\":\"a@b.example\",\"active\":false}")
                .post("/admin/v1/merchants").then(), 400, "BAD_REQUEST_ERROR").body("param", equalTo("active"));
    }

    @Test
    void missingBody() {
        problem(Api.admin().post("/admin/v1/merchants").then(), 400, "BAD_REQUEST_ERROR");
    }

    @Test
    void validationFailureNamesTheField() {
        problem(Api.admin().body("{\"name\":\"A\"}").post("/admin/v1/merchants").then(), 400, "BAD_REQUEST_ERROR")
                .body("param", equalTo("email"));
    }

    @Test
    void authenticationFailure() {
        problem(given().get("/api/v1/merchant").then(), 401, "AUTHENTICATION_ERROR");
    }

    @Test
    void problemCarriesTheRequestIdOfTheResponse() {
        var response = given().get("/api/v1/merchant").then().statusCode(401).extract();
        org.junit.jupiter.api.Assertions.assertEquals(response.header("X-Request-Id"), response.path("request_id"));
        org.hamcrest.MatcherAssert.assertThat(response.header("X-Request-Id"), matchesPattern("req_[0-9A-Za-z]{14}"));
    }
}
