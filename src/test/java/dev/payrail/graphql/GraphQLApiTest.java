package dev.payrail.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The GraphQL API at /graphql: every operation, replays, isolation, bad input, limits, parity with REST. */
@QuarkusTest
class GraphQLApiTest {

    static final String PAYMENT_FIELDS = "id status amount currency method orderId provider amountCaptured externalReference "
            + "customParameters { key value } lineItems { quantity description price productUrl } card { brand last4 }";

    static Response graphql(RequestSpecification as, String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables == null ? Map.of() : variables);
        return as.contentType(ContentType.JSON).body(body).post("/graphql");
    }

    static Map<String, Object> card(String number) {
        return Map.of("number", number, "expiryMonth", 12, "expiryYear", 2030, "cvc", "123");
    }

    static Map<String, Object> oneStep(long amount, String capture) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("amount", Long.toString(amount));
        input.put("currency", "USD");
        input.put("method", "card");
        input.put("capture", capture);
        input.put("card", card("4242424242424242"));
        return input;
    }

    static final String INITIATE = "mutation($input: InitiatePaymentInput!) { initiatePayment(input: $input) { "
            + PAYMENT_FIELDS + " } }";

    @Test
    void missingOrWrongCredentialsAre401ProblemsLikeRest() {
        given().contentType(ContentType.JSON).body(Map.of("query", "{ payments { nodes { id } } }")).post("/graphql")
                .then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("AUTHENTICATION_ERROR")).header("WWW-Authenticate", notNullValue());
        graphql(Api.as(Api.SEED_KEY, "wrong_secret_" + Long.toString(System.nanoTime(), 36)), "{ payments { nodes { id } } }",
                null).then().statusCode(401).body("code", equalTo("AUTHENTICATION_ERROR"));
    }

    @Test
    void theMerchantRateLimitAppliesWithTheRestHeadersAndProblem() {
        String[] m = Api.newMerchant();
        Api.admin().body("{\"per_second\":1,\"burst\":1}").put("/admin/v1/merchants/" + m[2] + "/rate-limit")
                .then().statusCode(200);
        graphql(Api.as(m[0], m[1]), "{ payments { nodes { id } } }", null).then().statusCode(200)
                .header("RateLimit-Policy", "\"merchant\";q=1;w=1").header("RateLimit", notNullValue());
        graphql(Api.as(m[0], m[1]), "{ payments { nodes { id } } }", null).then().statusCode(429)
                .contentType("application/problem+json").body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", notNullValue());
    }

    @Test
    void initiateWithLineItemsAndCustomParametersThenReadThroughGraphQLAndRest() {
        String[] m = Api.newMerchant();
        String ref = "ext-" + Long.toString(System.nanoTime(), 36);
        Map<String, Object> input = oneStep(2500, "automatic");
        input.put("externalReference", ref);
        input.put("customParameters", List.of(Map.of("key", "cart", "value", "c-1")));
        input.put("lineItems", List.of(
                Map.of("quantity", 2, "description", "Socks", "price", "1000", "productUrl", "https://shop.example/socks"),
                Map.of("quantity", 1, "description", "Hat", "price", "500")));
        JsonPath created = graphql(Api.as(m[0], m[1]), INITIATE, Map.of("input", input)).then().statusCode(200)
                .body("errors", nullValue()).extract().jsonPath();
        String id = created.getString("data.initiatePayment.id");
        assertEquals("captured", created.getString("data.initiatePayment.status"));
        assertEquals(2500, created.getInt("data.initiatePayment.amountCaptured"));
        assertEquals(ref, created.getString("data.initiatePayment.externalReference"));
        assertEquals("4242", created.getString("data.initiatePayment.card.last4"));
        assertEquals(2, created.getInt("data.initiatePayment.lineItems[0].quantity"));
        assertEquals("https://shop.example/socks", created.getString("data.initiatePayment.lineItems[0].productUrl"));

        // REST sees the same payment, with the same amounts and the GraphQL-only fields in its metadata.
        JsonPath rest = Api.as(m[0], m[1]).get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("captured", rest.getString("status"));
        assertEquals(2500, rest.getInt("amount_captured"));
        assertEquals(ref, rest.getString("metadata.external_reference"));
        assertEquals("c-1", rest.getString("metadata.cart"));
        assertEquals(created.getString("data.initiatePayment.orderId"), rest.getString("order_id"));

        // And a payment made over REST reads the same over GraphQL, with its attempts and events.
        String restPay = Api.as(m[0], m[1]).body(Bodies.cardPayment(700, "USD", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
        JsonPath read = graphql(Api.as(m[0], m[1]), "query($id: String!) { payment(id: $id) { id status amount "
                + "attempts { operation outcome provider } events { type } refunds { id } } }", Map.of("id", restPay))
                .then().statusCode(200).body("errors", nullValue()).extract().jsonPath();
        assertEquals("captured", read.getString("data.payment.status"));
        assertEquals(700, read.getInt("data.payment.amount"));
        assertTrue(read.getList("data.payment.attempts.operation").contains("authorize"));
        assertTrue(read.getList("data.payment.events.type").contains("payment.captured"));
    }

    @Test
    void captureCancelRefundAndCompleteThroughGraphQL() {
        String[] m = Api.newMerchant();
        RequestSpecification as = Api.as(m[0], m[1]);
        String toCapture = graphql(as, INITIATE, Map.of("input", oneStep(5000, "manual"))).then().statusCode(200)
                .body("data.initiatePayment.status", equalTo("authorized")).extract().path("data.initiatePayment.id");
        graphql(Api.as(m[0], m[1]), "mutation($id: String!) { capturePayment(paymentId: $id, amount: \"3000\") { status amountCaptured } }",
                Map.of("id", toCapture)).then().statusCode(200).body("errors", nullValue())
                .body("data.capturePayment.status", equalTo("captured"))
                .body("data.capturePayment.amountCaptured", equalTo(3000));
        graphql(Api.as(m[0], m[1]), "mutation($id: String!) { refundPayment(paymentId: $id, amount: \"1000\", reason: \"damaged\") { id status amount paymentId } }",
                Map.of("id", toCapture)).then().statusCode(200).body("errors", nullValue())
                .body("data.refundPayment.status", equalTo("processed"))
                .body("data.refundPayment.amount", equalTo(1000));
        graphql(Api.as(m[0], m[1]), "query($id: String!) { payment(id: $id) { status amountRefunded refunds { amount status } } "
                + "refunds(filter: {paymentId: $id}) { nodes { amount } } }", Map.of("id", toCapture))
                .then().statusCode(200).body("errors", nullValue())
                .body("data.payment.status", equalTo("partially_refunded"))
                .body("data.payment.amountRefunded", equalTo(1000))
                .body("data.payment.refunds[0].amount", equalTo(1000))
                .body("data.refunds.nodes[0].amount", equalTo(1000));

        String toCancel = graphql(Api.as(m[0], m[1]), INITIATE, Map.of("input", oneStep(900, "manual"))).then()
                .extract().path("data.initiatePayment.id");
        graphql(Api.as(m[0], m[1]), "mutation($id: String!) { cancelPayment(paymentId: $id) { status } }", Map.of("id", toCancel))
                .then().statusCode(200).body("data.cancelPayment.status", equalTo("cancelled"));
        // Cancelling again: the REST error code, INVALID_STATE.
        graphql(Api.as(m[0], m[1]), "mutation($id: String!) { cancelPayment(paymentId: $id) { status } }", Map.of("id", toCancel))
                .then().statusCode(200).body("errors[0].extensions.code", equalTo("INVALID_STATE"))
                .body("errors[0].path[0]", equalTo("cancelPayment"));
        // Nothing to complete on a settled payment: returned as it is.
        graphql(Api.as(m[0], m[1]), "mutation($id: String!) { completePayment(paymentId: $id) { id status } }", Map.of("id", toCancel))
                .then().statusCode(200).body("errors", nullValue()).body("data.completePayment.status", equalTo("cancelled"));
    }

    @Test
    void aDeclineIsAnErrorWithTheRestCodeAndThePaymentId() {
        String[] m = Api.newMerchant();
        Map<String, Object> input = oneStep(1999, "automatic");
        input.put("card", card("4000000000009995"));
        Response declined = graphql(Api.as(m[0], m[1]), INITIATE, Map.of("input", input));
        // The resolver read this request's own routing context (its request id), not another's.
        declined.then().body("errors[0].extensions.request_id", equalTo(declined.getHeader("X-Request-Id")));
        declined.then().statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("PAYMENT_DECLINED"))
                .body("errors[0].extensions.decline_code", equalTo("insufficient_funds"))
                .body("errors[0].extensions.payment_id", notNullValue());
    }

    @Test
    void idempotentReplaysReuseAndRestSemantics() {
        String[] m = Api.newMerchant();
        String key = UUID.randomUUID().toString();
        Response first = graphql(Api.as(m[0], m[1]).header("Idempotency-Key", key), INITIATE,
                Map.of("input", oneStep(1200, "automatic")));
        first.then().statusCode(200).body("errors", nullValue());
        assertEquals(null, first.getHeader("Idempotent-Replayed"));
        Response again = graphql(Api.as(m[0], m[1]).header("Idempotency-Key", key), INITIATE,
                Map.of("input", oneStep(1200, "automatic")));
        again.then().statusCode(200).body("errors", nullValue()).header("Idempotent-Replayed", "true");
        String id = first.path("data.initiatePayment.id");
        assertEquals(id, again.path("data.initiatePayment.id"));
        // One payment only.
        Api.as(m[0], m[1]).get("/api/v1/payments").then().statusCode(200).body("data.size()", equalTo(1));
        // Same key, other arguments: refused as in REST.
        graphql(Api.as(m[0], m[1]).header("Idempotency-Key", key), INITIATE, Map.of("input", oneStep(1300, "automatic")))
                .then().statusCode(200).body("errors[0].extensions.code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        // A declined answer is replayed as the same error, with no second attempt.
        String declineKey = UUID.randomUUID().toString();
        Map<String, Object> declined = oneStep(1999, "automatic");
        declined.put("card", card("4000000000009995"));
        String declinedId = graphql(Api.as(m[0], m[1]).header("Idempotency-Key", declineKey), INITIATE, Map.of("input", declined))
                .then().body("errors[0].extensions.code", equalTo("PAYMENT_DECLINED")).extract().path("errors[0].extensions.payment_id");
        graphql(Api.as(m[0], m[1]).header("Idempotency-Key", declineKey), INITIATE, Map.of("input", declined))
                .then().header("Idempotent-Replayed", "true")
                .body("errors[0].extensions.code", equalTo("PAYMENT_DECLINED"))
                .body("errors[0].extensions.payment_id", equalTo(declinedId));
        // Validation errors are not remembered: the corrected retry with the same key goes through.
        String badKey = UUID.randomUUID().toString();
        Map<String, Object> bad = oneStep(1000, "automatic");
        bad.put("currency", "XXQ");
        graphql(Api.as(m[0], m[1]).header("Idempotency-Key", badKey), INITIATE, Map.of("input", bad))
                .then().body("errors[0].extensions.code", equalTo("BAD_REQUEST_ERROR"));
        graphql(Api.as(m[0], m[1]).header("Idempotency-Key", badKey), INITIATE, Map.of("input", oneStep(1000, "automatic")))
                .then().body("errors", nullValue()).body("data.initiatePayment.status", equalTo("captured"));
    }

    @Test
    void anotherMerchantsObjectsAreNotFound() {
        String[] a = Api.newMerchant();
        String[] b = Api.newMerchant();
        String pay = graphql(Api.as(a[0], a[1]), INITIATE, Map.of("input", oneStep(800, "manual"))).then()
                .extract().path("data.initiatePayment.id");
        for (String op : List.of("query($id: String!) { payment(id: $id) { id } }",
                "mutation($id: String!) { capturePayment(paymentId: $id) { id } }",
                "mutation($id: String!) { cancelPayment(paymentId: $id) { id } }",
                "mutation($id: String!) { completePayment(paymentId: $id) { id } }",
                "mutation($id: String!) { refundPayment(paymentId: $id) { id } }")) {
            graphql(Api.as(b[0], b[1]), op, Map.of("id", pay)).then().statusCode(200)
                    .body("errors[0].extensions.code", equalTo("NOT_FOUND_ERROR"));
        }
        List<String> listed = graphql(Api.as(b[0], b[1]), "{ payments(first: 100) { nodes { id } } }", null).then()
                .statusCode(200).extract().path("data.payments.nodes.id");
        assertFalse(listed.contains(pay));
        // A tenantId other than the caller's own is refused; its own passes.
        graphql(Api.as(b[0], b[1]), "mutation($input: InitiatePaymentInput!, $t: String) { initiatePayment(input: $input, tenantId: $t) { id } }",
                Map.of("input", oneStep(100, "automatic"), "t", a[2])).then()
                .body("errors[0].extensions.code", equalTo("NOT_FOUND_ERROR"));
        graphql(Api.as(b[0], b[1]), "mutation($input: InitiatePaymentInput!, $t: String) { initiatePayment(input: $input, tenantId: $t) { id } }",
                Map.of("input", oneStep(100, "automatic"), "t", b[2])).then().body("errors", nullValue());
        // A still sees its payment untouched.
        Api.as(a[0], a[1]).get("/api/v1/payments/" + pay).then().statusCode(200).body("status", equalTo("authorized"));
    }

    @Test
    void badInputNamesTheFieldPath() {
        String[] m = Api.newMerchant();
        Map<String, Object> input = oneStep(1000, "automatic");
        input.put("card", Map.of("number", "4242424242424242", "expiryMonth", 13, "expiryYear", 2030, "cvc", "123"));
        graphql(Api.as(m[0], m[1]), INITIATE, Map.of("input", input)).then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("BAD_REQUEST_ERROR"))
                .body("errors[0].extensions.field", equalTo("input.card.expiryMonth"));
        Map<String, Object> items = oneStep(1000, "automatic");
        items.put("lineItems", List.of(Map.of("quantity", 0, "description", "x", "price", "1000")));
        graphql(Api.as(m[0], m[1]), INITIATE, Map.of("input", items)).then()
                .body("errors[0].extensions.field", equalTo("input.lineItems.0.quantity"));
        Map<String, Object> sum = oneStep(1000, "automatic");
        sum.put("lineItems", List.of(Map.of("quantity", 1, "description", "x", "price", "999")));
        graphql(Api.as(m[0], m[1]), INITIATE, Map.of("input", sum)).then()
                .body("errors[0].extensions.field", equalTo("input.lineItems"));
        // An amount is a string of digits: a float (or any number) is refused by GraphQL itself, before anything
        // runs, and a string that is not digits is refused naming the field.
        for (Object amount : List.of(10.5, 1050)) {
            Map<String, Object> numeric = oneStep(1000, "automatic");
            numeric.put("amount", amount);
            graphql(Api.as(m[0], m[1]), INITIATE, Map.of("input", numeric)).then().statusCode(200)
                    .body("data", nullValue()).body("errors[0].message", notNullValue());
        }
        Map<String, Object> decimal = oneStep(1000, "automatic");
        decimal.put("amount", "10.5");
        graphql(Api.as(m[0], m[1]), INITIATE, Map.of("input", decimal)).then()
                .body("errors[0].extensions.code", equalTo("BAD_REQUEST_ERROR"))
                .body("errors[0].extensions.field", equalTo("input.amount"));
        Api.as(m[0], m[1]).get("/api/v1/payments").then().body("data.size()", equalTo(0));
        graphql(Api.as(m[0], m[1]), "{ payments(first: 0) { nodes { id } } }", null).then()
                .body("errors[0].extensions.code", equalTo("BAD_REQUEST_ERROR"))
                .body("errors[0].extensions.field", equalTo("first"));
        graphql(Api.as(m[0], m[1]), "{ payments(filter: {status: \"nope\"}) { nodes { id } } }", null).then()
                .body("errors[0].extensions.field", equalTo("filter.status"));
    }

    @Test
    void cursorsPageThroughPaymentsAndOrders() {
        String[] m = Api.newMerchant();
        for (int i = 0; i < 3; i++) {
            graphql(Api.as(m[0], m[1]), INITIATE, Map.of("input", oneStep(100 + i, "automatic"))).then().body("errors", nullValue());
        }
        JsonPath page1 = graphql(Api.as(m[0], m[1]), "{ payments(first: 2) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }",
                null).then().body("errors", nullValue()).extract().jsonPath();
        assertTrue(page1.getBoolean("data.payments.pageInfo.hasNextPage"));
        String after = page1.getString("data.payments.pageInfo.endCursor");
        JsonPath page2 = graphql(Api.as(m[0], m[1]), "query($after: String) { payments(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage hasPreviousPage } } }",
                Map.of("after", after)).then().body("errors", nullValue()).extract().jsonPath();
        assertEquals(1, page2.getList("data.payments.nodes").size());
        assertFalse(page2.getBoolean("data.payments.pageInfo.hasNextPage"));
        assertNotEquals(after, page2.getString("data.payments.nodes[0].id"));
        List<String> restIds = Api.as(m[0], m[1]).get("/api/v1/payments").then().extract().path("data.id");
        List<String> gqlIds = new java.util.ArrayList<>(page1.getList("data.payments.edges.node.id"));
        gqlIds.addAll(page2.getList("data.payments.nodes.id"));
        assertEquals(restIds, gqlIds);
        graphql(Api.as(m[0], m[1]), "{ orders(first: 5) { nodes { id amount status } } }", null).then()
                .body("errors", nullValue()).body("data.orders.nodes.size()", equalTo(3))
                .body("data.orders.nodes.status", hasItem("paid"));
    }

    @Test
    void providerKeysAreStoredEncryptedAndNeverReturned() {
        String[] m = Api.newMerchant();
        String secret = "sk_test_" + Long.toString(System.nanoTime(), 36);
        String mutation = "mutation($c: [EntryInput!]!) { saveOrUpdateProviderKeys(provider: \"stripe\", credentials: $c) "
                + "{ provider credentialFields enabled updatedAt } }";
        Response saved = graphql(Api.as(m[0], m[1]), mutation, Map.of("c", List.of(Map.of("key", "secret_key", "value", secret))));
        saved.then().statusCode(200).body("errors", nullValue())
                .body("data.saveOrUpdateProviderKeys.provider", equalTo("stripe"))
                .body("data.saveOrUpdateProviderKeys.credentialFields", equalTo(List.of("secret_key")));
        assertFalse(saved.asString().contains(secret));
        // REST sees the stored credentials the same way.
        Api.as(m[0], m[1]).get("/api/v1/providers").then().statusCode(200)
                .body("data.find { it.provider == 'stripe' }.has_credentials", equalTo(true));
        graphql(Api.as(m[0], m[1]), mutation, Map.of("c", List.of(Map.of("key", "nope", "value", "x")))).then()
                .body("errors[0].extensions.code", equalTo("BAD_REQUEST_ERROR"))
                .body("errors[0].extensions.field", equalTo("credentials.nope"));
    }

    @Test
    void depthAndComplexityAreLimited() {
        String[] m = Api.newMerchant();
        // Depth 16 (the limit is 15): refused before execution.
        StringBuilder deep = new StringBuilder("{ __schema { types { fields { type { ");
        for (int i = 0; i < 11; i++) {
            deep.append("ofType { ");
        }
        deep.append("name ").append("} ".repeat(16));
        Response tooDeep = graphql(Api.as(m[0], m[1]), deep.toString(), null);
        assertTrue(tooDeep.asString().contains("depth"), tooDeep.asString());
        tooDeep.then().body("data.__schema", nullValue()).body("errors[0].message", notNullValue());
        // Complexity: 150 aliased lists of 5 fields (750 > 500) are refused before execution.
        StringBuilder wide = new StringBuilder("{ ");
        for (int i = 0; i < 150; i++) {
            wide.append("p").append(i).append(": payments { nodes { id status amount } } ");
        }
        wide.append("}");
        Response complex = graphql(Api.as(m[0], m[1]), wide.toString(), null);
        assertTrue(complex.asString().contains("complexity"), complex.asString());
        complex.then().body("data.p0", nullValue());
        // The deepest query the schema allows is well within the limits.
        graphql(Api.as(m[0], m[1]), "{ payments { edges { cursor node { lineItems { description } refunds { id } "
                + "attempts { id } events { type } card { brand } nextAction { url } } } pageInfo { endCursor } } }", null)
                .then().statusCode(200).body("errors", nullValue());
    }

    @Test
    void schemaIsPublishedAndMatchesTheVersionedCopy() throws Exception {
        String served = given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        java.nio.file.Path versioned = java.nio.file.Path.of("src/main/resources/graphql/schema.graphql");
        String committed = java.nio.file.Files.exists(versioned) ? java.nio.file.Files.readString(versioned) : "";
        if (!served.strip().equals(committed.strip())) {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
            java.nio.file.Files.writeString(java.nio.file.Path.of("target/schema.graphql"), served);
        }
        assertEquals(committed.strip(), served.strip(),
                "The GraphQL schema changed: review target/schema.graphql and copy it to " + versioned);
    }
}
