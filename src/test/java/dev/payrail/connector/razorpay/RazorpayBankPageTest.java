package dev.payrail.connector.razorpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Bodies;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** The Razorpay emulator's bank OTP page: a GET only shows it; the payer's POST authenticates. */
@QuarkusTest
class RazorpayBankPageTest {

    private static String status(String pay) {
        return RestAssured.given().auth().preemptive().basic("rzp_test_payrailsandbox", "payrail_sandbox_razorpay_key_secret")
                .get("/sandbox/razorpay/v1/payments/" + pay).then().statusCode(200).extract().jsonPath().getString("status");
    }

    @Test
    void openingTheBankPageChangesNothingAndItsFormAuthenticates() {
        var m = Providers.routingTo("razorpay");
        JsonPath p = m.api().body(Bodies.cardPayment(50000, "INR", "4111111111111111", "manual")).post("/api/v1/payments")
                .then().statusCode(201).extract().jsonPath();
        String pay = p.getString("provider_reference");
        String url = p.getString("next_action.url");
        assertTrue(url.startsWith("http://localhost:" + RestAssured.port + "/sandbox/razorpay/bank/" + pay), url);

        String page = RestAssured.get(url).then().statusCode(200).contentType("text/html").extract().asString();
        assertTrue(page.contains("500.00 INR") && page.contains("method=\"post\""), page);
        RestAssured.get(url + "?otp=123456").then().statusCode(200);
        assertEquals("created", status(pay), "a GET never authenticates");

        String done = RestAssured.given().formParam("otp", "123456").formParam("result", "approve")
                .post("/sandbox/razorpay/bank/" + pay + "/complete").then().statusCode(200).contentType("text/html")
                .extract().asString();
        assertTrue(done.contains("Payment status: authorized"), done);
        assertEquals("authorized", status(pay));
        RestAssured.get(url).then().statusCode(404);
        RestAssured.given().formParam("otp", "123456").formParam("result", "approve")
                .post("/sandbox/razorpay/bank/" + pay + "/complete").then().statusCode(404);
    }
}
