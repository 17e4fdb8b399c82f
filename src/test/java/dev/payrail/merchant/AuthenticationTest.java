package dev.payrail.merchant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class AuthenticationTest {

    private static ValidatableResponse expectUnauthorized(ValidatableResponse response) {
        return response.statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("AUTHENTICATION_ERROR"))
                .body("status", equalTo(401))
                .body("detail", equalTo("Authentication failed: provide a valid API key and secret."))
                .body("request_id", notNullValue());
    }

    @Test
    void headerCredentialsOfTheSeededMerchantAreAccepted() {
        Api.seeded().get("/api/v1/merchant").then().statusCode(200)
                .body("api_key", equalTo(Api.SEED_KEY))
                .body("email", equalTo("test@example.com"))
                .body("object", equalTo("merchant"))
                .body("$", not(org.hamcrest.Matchers.hasKey("api_secret")))
                .body("$", not(org.hamcrest.Matchers.hasKey("api_secret_digest")))
                .body("$", not(org.hamcrest.Matchers.hasKey("webhook_secret")));
    }

    @Test
    void basicCredentialsAreAccepted() {
        given().auth().preemptive().basic(Api.SEED_KEY, Api.seedSecret())
                .get("/api/v1/merchant").then().statusCode(200).body("api_key", equalTo(Api.SEED_KEY));
    }

    @Test
    void missingCredentialsAreRejected() {
        expectUnauthorized(given().get("/api/v1/merchant").then())
                .header("WWW-Authenticate", containsString("Basic"));
    }

    @Test
    void wrongSecretIsRejectedTheSameWayAsAnUnknownKey() {
        String wrongSecret = expectUnauthorized(Api.as(Api.SEED_KEY, "secret_test_wrong").get("/api/v1/merchant").then())
                .extract().path("detail");
        String unknownKey = expectUnauthorized(Api.as("key_test_nosuchkey", Api.seedSecret()).get("/api/v1/merchant").then())
                .extract().path("detail");
        org.junit.jupiter.api.Assertions.assertEquals(wrongSecret, unknownKey);
    }

    @Test
    void onlyOneOfTheTwoHeadersIsRejected() {
        expectUnauthorized(given().header("X-Api-Key", Api.SEED_KEY).get("/api/v1/merchant").then());
        expectUnauthorized(given().header("X-Api-Secret", Api.seedSecret()).get("/api/v1/merchant").then());
    }

    @Test
    void malformedBasicHeadersAreRejected() {
        expectUnauthorized(given().header("Authorization", "Basic !!!not-base64!!!").get("/api/v1/merchant").then());
        String noColon = Base64.getEncoder().encodeToString("key_test_abc123".getBytes(StandardCharsets.UTF_8));
        expectUnauthorized(given().header("Authorization", "Basic " + noColon).get("/api/v1/merchant").then());
        expectUnauthorized(given().header("Authorization", "Bearer " + Api.seedSecret()).get("/api/v1/merchant").then());
        expectUnauthorized(Api.as("k".repeat(300), Api.seedSecret()).get("/api/v1/merchant").then());
    }

    @Test
    void deactivatedMerchantIsRejected() {
        String[] m = Api.newMerchant();
        Api.as(m[0], m[1]).get("/api/v1/merchant").then().statusCode(200);
        Api.admin().post("/admin/v1/merchants/" + m[2] + "/deactivate").then().statusCode(200)
                .body("active", equalTo(false));
        expectUnauthorized(Api.as(m[0], m[1]).get("/api/v1/merchant").then());
    }

    @Test
    void unknownRoutesUnderTheApiStillAnswerProblemJson() {
        Api.seeded().get("/api/v1/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("NOT_FOUND_ERROR"));
    }
}
