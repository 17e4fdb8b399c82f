package dev.payrail.payment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.connector.ConnectorResult;
import dev.payrail.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * GraphQL's {@code completePayment} for a payer who paid away from Payrail (a QR code): the provider
 * is asked at once and its answer settles the payment, through the reconciler's own settlement.
 */
@QuarkusTest
class GraphQLCompletePaymentTest {

    @Inject
    PayerAwayTestConnector provider;

    private static Response graphql(String query, Map<String, Object> variables) {
        return Api.seeded().contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables))
                .post("/graphql");
    }

    @Test
    void completePaymentAsksTheProviderAndSettlesAQrPayment() {
        Map<String, Object> input = Map.of("amount", "1234", "currency", "CNY", "method", "wallet",
                "provider", PayerAwayTestConnector.NAME, "wallet", Map.of("wallet", "test_qr", "flow", "qr"));
        Response created = graphql("mutation($input: InitiatePaymentInput!) { initiatePayment(input: $input) { id status "
                + "nextAction { type data imageDataUrl } } }", Map.of("input", input));
        created.then().statusCode(200).body("errors", nullValue())
                .body("data.initiatePayment.status", equalTo("requires_action"))
                .body("data.initiatePayment.nextAction.type", equalTo("display_qr_code"));
        String id = created.path("data.initiatePayment.id");

        // Not paid yet: the provider is asked, the payment keeps waiting (never a failure).
        graphql("mutation($id: String!) { completePayment(paymentId: $id) { status } }", Map.of("id", id))
                .then().body("errors", nullValue()).body("data.completePayment.status", equalTo("requires_action"));
        assertTrue(provider.callsFor(id).contains("status"));

        provider.answerStatus(id, ConnectorResult.succeeded("away_" + id).capturedAt(1234));
        graphql("mutation($id: String!) { completePayment(paymentId: $id) { status amountCaptured nextAction { type } "
                + "attempts { operation outcome } events { type } } }", Map.of("id", id))
                .then().body("errors", nullValue())
                .body("data.completePayment.status", equalTo("captured"))
                .body("data.completePayment.amountCaptured", equalTo(1234))
                .body("data.completePayment.nextAction", nullValue())
                .body("data.completePayment.attempts.operation", hasItem("status"))
                .body("data.completePayment.events.type", hasItem("payment.captured"));
        // REST sees the same.
        Api.seeded().get("/api/v1/payments/" + id).then().statusCode(200).body("status", equalTo("captured"));
        given().get("/graphql/schema.graphql").then().statusCode(200);
    }
}
