package dev.payrail.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.audit.Actor;
import dev.payrail.common.Ids;
import dev.payrail.common.Json;
import dev.payrail.connector.PaymentMethodType;
import dev.payrail.order.Order;
import dev.payrail.risk.RiskAssessment;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@link PaymentStore#insert} and {@link PaymentStore#apply} answer with the payment they were given instead of
 * decoding the row back; what they answer is what a fresh read finds: the JSON columns as any JSON Payrail writes
 * shows them (the null members that neither the column nor the JSON keeps left out, at any depth), the timestamps
 * at PostgreSQL's microsecond, and the two columns other writers change without a new version (the review of the
 * risk decision, the saved method) as the row holds them.
 */
@QuarkusTest
class PaymentWrittenTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Nanoseconds that PostgreSQL does not keep. */
    private static final Instant CREATED = Instant.parse("2026-12-04T10:00:00.123456789Z");

    @Inject
    PaymentStore payments;
    @Inject
    Pool pool;
    @Inject
    Json json;

    @Test
    void insertAndApplyAnswerWhatTheRowHolds() {
        Payment inserted = insert(risk(null));
        assertEquals(Instant.parse("2026-12-04T10:00:00.123456Z"), inserted.createdAt(), "at PostgreSQL's microsecond");
        assertReadsBack(inserted);

        Payment after = inserted.change().status(PaymentStatus.CAPTURED).providerReference("sim_" + inserted.id())
                .authorized(inserted.amount()).captured(inserted.amount()).build(CREATED.plusNanos(5_000_999));
        Payment captured = capture(after);
        assertEquals(Instant.parse("2026-12-04T10:00:00.128457Z"), captured.updatedAt());
        assertReadsBack(captured);
        assertSame(after.risk(), captured.risk(), "the review did not move: the caller's decision, not decoded again");
        assertEquals(2, captured.version());
    }

    @Test
    void aReviewDecidedMeanwhileIsTheOneApplyAnswers() {
        Payment held = insert(risk("open"));
        Payment reviewed = payments.updateRisk(held, RiskAssessment.withReview(held.risk(), "approved"), "open",
                "payment.review_approved").await().atMost(WAIT);
        assertEquals("approved", RiskAssessment.review(reviewed.risk()));
        assertEquals(held.version(), reviewed.version(), "a review keeps the version");

        // an outcome built from the read before the review
        Payment captured = capture(held.change().status(PaymentStatus.CAPTURED).authorized(held.amount())
                .captured(held.amount()).build(PaymentStore.now()));
        assertEquals("approved", RiskAssessment.review(captured.risk()));
        assertEquals(reviewed.risk(), captured.risk());
        assertReadsBack(captured);
    }

    @Test
    void aSavedMethodLinkedMeanwhileIsTheOneApplyAnswers() {
        Payment inserted = insert(risk(null));
        assertNull(inserted.paymentMethodId());
        String method = Ids.newId("pm_");
        // what SavedMethodStore does when the payment saves its card: no new version
        pool.preparedQuery("UPDATE payments SET payment_method_id = $1 WHERE id = $2 AND merchant_id = $3")
                .execute(Tuple.of(method, inserted.id(), inserted.merchantId())).await().atMost(WAIT);

        Payment captured = capture(inserted.change().status(PaymentStatus.CAPTURED).authorized(inserted.amount())
                .captured(inserted.amount()).build(PaymentStore.now()));
        assertEquals(method, captured.paymentMethodId());
        assertReadsBack(captured);
    }

    @Test
    void aChangedVersionStillAnswersNothing() {
        Payment inserted = insert(risk(null));
        Payment first = capture(inserted.change().status(PaymentStatus.AUTHORIZED).authorized(inserted.amount())
                .build(PaymentStore.now()));
        assertNotNull(first);
        Payment stale = payments.transition(inserted.change().status(PaymentStatus.FAILED)
                .error("card_declined", "Declined.", "generic_decline").build(PaymentStore.now()), null,
                Actor.system("test"), "payment.fail").await().atMost(WAIT);
        assertNull(stale, "built on version 1, the row is at 2");
        assertReadsBack(first);
    }

    private Payment insert(Map<String, Object> risk) {
        String merchant = pool.query("SELECT id FROM merchants WHERE api_key_id = 'key_test_abc123'").execute()
                .await().atMost(WAIT).iterator().next().getString("id");
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("last4", "4242");
        card.put("brand", "visa");
        card.put("exp_month", 12);
        card.put("exp_year", 2031);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("order_ref", "A-17");
        metadata.put("a", "first by jsonb's order, last here");
        metadata.put("gift_note", null);
        Map<String, Object> threeDSecure = new LinkedHashMap<>();
        threeDSecure.put("requested", false);
        threeDSecure.put("status", "not_requested");
        threeDSecure.put("version", null);
        Order order = new Order(Ids.newId("order_"), merchant, 2500, "EUR", null, null, "attempted", 1, CREATED,
                CREATED);
        Payment fresh = Payment.draft().id(Ids.newId("pay_")).merchant(merchant).order(order.id()).amount(2500, "EUR")
                .method(PaymentMethodType.CARD, card).manualCapture(false).provider("simulator").metadata(metadata)
                .idempotencyKey("written-" + Ids.newId("k_")).threeDSecure(threeDSecure).risk(risk)
                .processing(CREATED);
        Payment inserted = payments.insert(fresh, order, PaymentAttempt.start(fresh, "simulator", "authorize", CREATED),
                null, "fingerprint", false).await().atMost(WAIT);
        assertNotNull(inserted);
        return inserted;
    }

    private Payment capture(Payment after) {
        return payments.transition(after, "paid", Actor.system("test"), "payment.capture").await().atMost(WAIT);
    }

    /** Every field of {@code answered} as JSON (members in any order) is what a fresh read of its row gives. */
    private void assertReadsBack(Payment answered) {
        Payment read = payments.find(answered.merchantId(), answered.id()).await().atMost(WAIT);
        assertEquals(json.mapper().valueToTree(read), json.mapper().valueToTree(answered));
    }

    private static Map<String, Object> risk(String review) {
        Map<String, Object> risk = new LinkedHashMap<>();
        risk.put("score", 60);
        risk.put("decision", review == null ? "allow" : "review");
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("rule", "amount");
        reason.put("points", 60);
        reason.put("detail", null);
        risk.put("reasons", List.of(reason));
        if (review != null) {
            risk.put("review", review);
        }
        return risk;
    }
}
