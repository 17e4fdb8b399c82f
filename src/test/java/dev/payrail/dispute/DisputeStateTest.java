package dev.payrail.dispute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.payrail.connector.DisputeDetails;
import dev.payrail.payment.PaymentStatus;

/** The dispute's own ordering, and the one way a disputed payment leaves {@code disputed}. */
class DisputeStateTest {

    @Test
    void aDisputedPaymentReturnsOnlyToCapturedMoneyAndOnlyThroughAWonDispute() {
        for (PaymentStatus s : PaymentStatus.values()) {
            assertFalse(PaymentStatus.DISPUTED.canMoveTo(s), "no payment event takes a disputed payment to " + s);
        }
        assertTrue(PaymentStatus.DISPUTED.canReturnFromDisputeTo(PaymentStatus.CAPTURED));
        assertTrue(PaymentStatus.DISPUTED.canReturnFromDisputeTo(PaymentStatus.PARTIALLY_REFUNDED));
        assertTrue(PaymentStatus.DISPUTED.canReturnFromDisputeTo(PaymentStatus.REFUNDED));
        for (PaymentStatus s : new PaymentStatus[] { PaymentStatus.AUTHORIZED, PaymentStatus.FAILED,
                PaymentStatus.CANCELLED, PaymentStatus.PROCESSING, PaymentStatus.DISPUTED, PaymentStatus.UNKNOWN }) {
            assertFalse(PaymentStatus.DISPUTED.canReturnFromDisputeTo(s), s.name());
        }
        assertFalse(PaymentStatus.DISPUTED.canReturnFromDisputeTo(null));
        assertFalse(PaymentStatus.CAPTURED.canReturnFromDisputeTo(PaymentStatus.CAPTURED), "only from disputed");
        assertTrue(PaymentStatus.CAPTURED.canMoveTo(PaymentStatus.DISPUTED));
        assertTrue(PaymentStatus.REFUNDED.canMoveTo(PaymentStatus.DISPUTED));
        assertFalse(PaymentStatus.AUTHORIZED.canMoveTo(PaymentStatus.DISPUTED));
    }

    @Test
    void theStatusOnlyMovesForwardAndAClosedDisputeStaysClosed() {
        assertEquals("under_review", DisputeMerge.status("needs_response", "under_review"));
        assertEquals("under_review", DisputeMerge.status("under_review", "needs_response"));
        assertEquals("needs_response", DisputeMerge.status("warning_under_review", "needs_response"), "an inquiry escalates");
        assertEquals("needs_response", DisputeMerge.status("needs_response", "warning_needs_response"));
        assertEquals("won", DisputeMerge.status("won", "lost"));
        assertEquals("lost", DisputeMerge.status("lost", "under_review"));
        assertEquals("warning_closed", DisputeMerge.status("warning_closed", "warning_needs_response"));
        assertEquals("lost", DisputeMerge.status("under_review", "lost"));
        assertEquals("needs_response", DisputeMerge.status("needs_response", null));
        assertEquals("needs_response", DisputeMerge.status("needs_response", "prevented"), "an unknown status is no news");
    }

    @Test
    void missingFieldsAreKeptAndFundsOnlyGrow() {
        Instant due = Instant.parse("2030-01-01T00:00:00Z");
        DisputeMerge.Fields current = new DisputeMerge.Fields("needs_response", "fraudulent", 500, due, 500, 0);
        DisputeMerge.Fields after = DisputeMerge.merge(current,
                new DisputeDetails("du_1", "under_review", null, null, null, null, 0L, 200L));
        assertEquals(new DisputeMerge.Fields("under_review", "fraudulent", 500, due, 500, 200), after);
        assertTrue(DisputeMerge.merge(current, new DisputeDetails("du_1", null, null, null, null, null, null, null))
                .sameAs(current), "a report without news changes nothing");
    }
}
