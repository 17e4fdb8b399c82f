package dev.payrail.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RequestIdTest {

    @Test
    void wellFormedRequestIdIsEchoed() {
        Api.seeded().header("X-Request-Id", "client-req.42:abc").get("/api/v1/merchant").then()
                .statusCode(200).header("X-Request-Id", equalTo("client-req.42:abc"));
    }

    @Test
    void wellFormedRequestIdAppearsInProblems() {
        given().header("X-Request-Id", "trace-123").get("/api/v1/merchant").then()
                .statusCode(401).header("X-Request-Id", equalTo("trace-123")).body("request_id", equalTo("trace-123"));
        given().header("X-Request-Id", "trace-404").get("/nowhere").then()
                .statusCode(404).header("X-Request-Id", equalTo("trace-404")).body("request_id", equalTo("trace-404"));
    }

    @Test
    void malformedRequestIdIsReplaced() {
        given().header("X-Request-Id", "bad id with spaces <script>").get("/health").then()
                .header("X-Request-Id", matchesPattern("req_[0-9A-Za-z]{14}"))
                .header("X-Request-Id", not(equalTo("bad id with spaces <script>")));
        given().header("X-Request-Id", "x".repeat(200)).get("/health").then()
                .header("X-Request-Id", matchesPattern("req_[0-9A-Za-z]{14}"));
    }

    @Test
    void missingRequestIdIsGenerated() {
        given().get("/health").then().header("X-Request-Id", matchesPattern("req_[0-9A-Za-z]{14}"));
    }
}
