package dev.payrail.sandbox;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.payrail.sandbox.stripe.StripeSandbox;
import dev.payrail.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Run-time control of the Stripe emulator, and repeatable failure injection with a seed. */
@QuarkusTest
class StripeSandboxAdminTest {

    @Inject
    StripeSandbox sandbox;

    @AfterEach
    void reset() {
        sandbox.resetSettings();
    }

    private static int create() {
        return RestAssured.given().header("Authorization", "Bearer sk_test_seeded")
                .contentType("application/x-www-form-urlencoded").body("amount=100&currency=usd")
                .post("/sandbox/stripe/v1/payment_intents").then().extract().statusCode();
    }

    private static List<Integer> run(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(create());
        }
        return out;
    }

    @Test
    void settingsChangeAtRunTimeAndASeedRepeatsTheFailures() {
        Api.admin().body("{\"unavailable_rate\":0.3,\"error_rate\":0.2,\"seed\":42}").put("/admin/v1/sandbox/stripe/settings")
                .then().statusCode(200).body("unavailable_rate", equalTo(0.3f)).body("seed", equalTo(42));
        List<Integer> first = run(40);
        Api.admin().body("{\"seed\":42}").put("/admin/v1/sandbox/stripe/settings").then().statusCode(200);
        assertEquals(first, run(40), "same seed, same failures");
        assertEquals(true, first.contains(503) && first.contains(500) && first.contains(200), first.toString());

        Api.admin().body("{\"error_rate\":2}").put("/admin/v1/sandbox/stripe/settings").then().statusCode(400);
        Api.admin().body("{\"latency_distribution\":\"pareto\"}").put("/admin/v1/sandbox/stripe/settings").then()
                .statusCode(400);
        Api.admin().delete("/admin/v1/sandbox/stripe/settings").then().statusCode(200).body("error_rate", equalTo(0.0f));
        RestAssured.given().contentType("application/json").body("{\"error_rate\":1}")
                .put("/admin/v1/sandbox/stripe/settings").then().statusCode(401);
    }
}
