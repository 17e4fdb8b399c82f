package dev.payrail.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The outbox rows carry the API view as a JSON object (not a JSON string holding the text), so
 * the webhook sender and SQL readers can use {@code payload->>'status'}.
 */
@QuarkusTest
class EventPayloadTest {

    @Test
    void paymentAndRefundEventsStoreTheViewAsAJsonObject() {
        String paymentId = Api.seeded().body(Bodies.cardPayment(4200, "EUR", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
        String refundId = Api.seeded().body("{\"amount\":1200}").post("/api/v1/payments/" + paymentId + "/refunds")
                .then().statusCode(201).extract().path("id");

        List<Map<String, Object>> rows = Db.query("SELECT type, jsonb_typeof(payload) AS kind, payload->>'id' AS id, "
                + "payload->>'status' AS status FROM events WHERE object_id IN (?, ?) ORDER BY created_at, id",
                paymentId, refundId);
        List<String> types = rows.stream().map(r -> (String) r.get("type")).toList();
        assertEquals(List.of("payment.created", "payment.captured", "refund.created", "refund.processed"),
                types.stream().filter(t -> !t.equals("payment.partially_refunded")).toList());
        for (Map<String, Object> row : rows) {
            assertEquals("object", row.get("kind"), "payload of " + row.get("type"));
            String type = (String) row.get("type");
            assertEquals(type.startsWith("payment.") ? paymentId : refundId, row.get("id"), "payload id of " + type);
        }
        Map<Object, Object> statusByType = new java.util.HashMap<>();
        rows.forEach(r -> statusByType.put(r.get("type"), r.get("status")));
        assertEquals("processing", statusByType.get("payment.created"));
        assertEquals("captured", statusByType.get("payment.captured"));
        assertEquals("processed", statusByType.get("refund.processed"));
    }
}
