package dev.payrail.sandbox.stripe;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Bodies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The Stripe emulator's Customers and PaymentMethods follow Stripe's rules: a card is attached to the
 * Customer only by a successful payment with {@code setup_future_usage}; an unattached card is spent
 * once used; an attached one is used only with its Customer; detached ones are spent; errors and
 * idempotent replays look like Stripe's.
 */
@QuarkusTest
class StripeSandboxSavedMethodsTest {

    private static RequestSpecification stripe(String key) {
        return RestAssured.given().header("Authorization", "Bearer " + key).contentType("application/x-www-form-urlencoded");
    }

    private static RequestSpecification stripe() {
        return stripe("sk_test_payrail_sandbox");
    }

    private static String customer() {
        return stripe().formParam("email", "ada@example.com").post("/sandbox/stripe/v1/customers").then().statusCode(200)
                .body("object", equalTo("customer")).extract().path("id");
    }

    private static RequestSpecification intentWithCard(String pan) {
        return stripe().formParam("amount", 1000).formParam("currency", "usd").formParam("confirm", "true")
                .formParam("payment_method_types[0]", "card").formParam("payment_method_data[type]", "card")
                .formParam("payment_method_data[card][number]", pan).formParam("payment_method_data[card][exp_month]", 12)
                .formParam("payment_method_data[card][exp_year]", Bodies.EXP_YEAR)
                .formParam("payment_method_data[card][cvc]", "123");
    }

    private static RequestSpecification intentWithMethod(String pm) {
        return stripe().formParam("amount", 1000).formParam("currency", "usd").formParam("confirm", "true")
                .formParam("payment_method_types[0]", "card").formParam("payment_method", pm);
    }

    @Test
    void aCardPaidWithSetupFutureUsageIsAttachedToTheCustomerAndChargedOffSession() {
        String cus = customer();
        String pm = intentWithCard("4242424242424242").formParam("customer", cus)
                .formParam("setup_future_usage", "off_session").post("/sandbox/stripe/v1/payment_intents").then()
                .statusCode(200).body("status", equalTo("succeeded")).body("customer", equalTo(cus))
                .extract().path("payment_method");
        stripe().get("/sandbox/stripe/v1/payment_methods/" + pm).then().statusCode(200)
                .body("customer", equalTo(cus)).body("card.last4", equalTo("4242")).body("card.brand", equalTo("visa"));

        intentWithMethod(pm).formParam("customer", cus).formParam("off_session", "true")
                .post("/sandbox/stripe/v1/payment_intents").then().statusCode(200).body("status", equalTo("succeeded"))
                .body("payment_method", equalTo(pm));

        // Only with its own Customer.
        intentWithMethod(pm).post("/sandbox/stripe/v1/payment_intents").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error")).body("error.param", equalTo("payment_method"));
        intentWithMethod(pm).formParam("customer", customer()).post("/sandbox/stripe/v1/payment_intents").then()
                .statusCode(400).body("error.message", startsWith("The customer does not have a payment method"));

        // Detached: spent; detaching again is refused.
        stripe().post("/sandbox/stripe/v1/payment_methods/" + pm + "/detach").then().statusCode(200)
                .body("customer", nullValue());
        stripe().post("/sandbox/stripe/v1/payment_methods/" + pm + "/detach").then().statusCode(400)
                .body("error.message", equalTo(
                        "The payment method you provided is not attached to a customer so detachment is impossible."));
        intentWithMethod(pm).formParam("customer", cus).post("/sandbox/stripe/v1/payment_intents").then().statusCode(400)
                .body("error.message", startsWith("This PaymentMethod was previously used without being attached"));
    }

    @Test
    void aCardUsedWithoutBeingAttachedIsSpent() {
        String cus = customer();
        String pm = intentWithCard("4242424242424242").formParam("customer", cus).post("/sandbox/stripe/v1/payment_intents")
                .then().statusCode(200).body("status", equalTo("succeeded")).extract().path("payment_method");
        stripe().get("/sandbox/stripe/v1/payment_methods/" + pm).then().body("customer", nullValue());
        intentWithMethod(pm).formParam("customer", cus).post("/sandbox/stripe/v1/payment_intents").then().statusCode(400)
                .body("error.message", startsWith("This PaymentMethod was previously used without being attached"));
        // A declined payment attaches nothing either.
        String declined = intentWithCard("4000000000000002").formParam("customer", cus)
                .formParam("setup_future_usage", "off_session").post("/sandbox/stripe/v1/payment_intents").then()
                .statusCode(402).extract().path("error.payment_intent.payment_method");
        stripe().get("/sandbox/stripe/v1/payment_methods/" + declined).then().body("customer", nullValue());
    }

    /**
     * A card that demands authentication is attached once the customer authenticated; charged later off
     * session, the customer cannot authenticate: Stripe declines it {@code authentication_required}.
     */
    @Test
    void aCardThatDemandsAuthenticationIsDeclinedOffSession() {
        String cus = customer();
        var intent = intentWithCard("4000002500003155").formParam("customer", cus)
                .formParam("setup_future_usage", "off_session").post("/sandbox/stripe/v1/payment_intents").then()
                .statusCode(200).body("status", equalTo("requires_action")).extract().jsonPath();
        String pm = intent.getString("payment_method");
        stripe().get("/sandbox/stripe/v1/payment_methods/" + pm).then().body("customer", nullValue());
        String url = intent.getString("next_action.redirect_to_url.url");
        String token = url.substring(url.indexOf("token=") + 6);
        RestAssured.given().contentType("application/x-www-form-urlencoded").formParam("token", token)
                .formParam("result", "approve").post("/sandbox/stripe/authenticate/" + intent.getString("id") + "/complete")
                .then().statusCode(200);
        stripe().get("/sandbox/stripe/v1/payment_methods/" + pm).then().body("customer", equalTo(cus));

        intentWithMethod(pm).formParam("customer", cus).formParam("off_session", "true")
                .post("/sandbox/stripe/v1/payment_intents").then().statusCode(402)
                .body("error.type", equalTo("card_error")).body("error.code", equalTo("authentication_required"))
                .body("error.decline_code", equalTo("authentication_required"))
                .body("error.payment_intent.status", equalTo("requires_payment_method"));
    }

    @Test
    void badCardOnFileParametersAreRefusedAsStripeRefusesThem() {
        intentWithCard("4242424242424242").formParam("customer", "cus_nosuchcustomer1")
                .post("/sandbox/stripe/v1/payment_intents").then().statusCode(404)
                .body("error.code", equalTo("resource_missing")).body("error.param", equalTo("customer"));
        intentWithCard("4242424242424242").formParam("setup_future_usage", "sometimes")
                .post("/sandbox/stripe/v1/payment_intents").then().statusCode(400)
                .body("error.param", equalTo("setup_future_usage"));
        stripe().formParam("amount", 1000).formParam("currency", "usd").formParam("off_session", "true")
                .post("/sandbox/stripe/v1/payment_intents").then().statusCode(400).body("error.param", equalTo("off_session"));
        stripe().get("/sandbox/stripe/v1/payment_methods/pm_nosuchmethod").then().statusCode(404)
                .body("error.code", equalTo("resource_missing"));
        stripe().post("/sandbox/stripe/v1/payment_methods/pm_nosuchmethod/detach").then().statusCode(404);
        // Another account's Customer does not exist for the caller.
        String cus = customer();
        stripe("sk_test_another_account").get("/sandbox/stripe/v1/customers/" + cus).then().statusCode(404);
    }

    @Test
    void aCustomerCreatedWithAnIdempotencyKeyIsReplayedAndTheKeyIsBoundToItsParameters() {
        String key = UUID.randomUUID().toString();
        String first = stripe().header("Idempotency-Key", key).formParam("email", "a@example.com")
                .post("/sandbox/stripe/v1/customers").then().statusCode(200).extract().path("id");
        stripe().header("Idempotency-Key", key).formParam("email", "a@example.com").post("/sandbox/stripe/v1/customers")
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        stripe().header("Idempotency-Key", key).formParam("email", "b@example.com").post("/sandbox/stripe/v1/customers")
                .then().statusCode(400).body("error.type", equalTo("idempotency_error"));
    }
}
