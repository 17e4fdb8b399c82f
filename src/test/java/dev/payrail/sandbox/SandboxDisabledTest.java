package dev.payrail.sandbox;

import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** With the sandbox off, as in prod, the emulators' endpoints do not exist. */
@QuarkusTest
@TestProfile(SandboxDisabledTest.Off.class)
class SandboxDisabledTest {

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("payrail.sandbox.enabled", "false");
        }
    }

    @Test
    void emulatorPathsAnswerNotFound() {
        RestAssured.given().header("Authorization", "Bearer sk_test_x").get("/sandbox/stripe/v1/payment_intents/pi_1")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND_ERROR"));
        RestAssured.given().header("Authorization", "Bearer sk_test_x").contentType("application/x-www-form-urlencoded")
                .body("amount=100&currency=usd").post("/sandbox/stripe/v1/payment_intents").then().statusCode(404);
        Api.admin().get("/admin/v1/sandbox/stripe/settings").then().statusCode(404);
    }
}
