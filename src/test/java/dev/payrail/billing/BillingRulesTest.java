package dev.payrail.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The period arithmetic and the dunning schedule, without a database. */
class BillingRulesTest {

    @Test
    void monthlyPeriodsAreCountedFromTheAnchorSoTheMonthEndIsKept() {
        Instant anchor = Instant.parse("2027-01-31T09:30:00Z");
        assertEquals(Instant.parse("2027-02-28T09:30:00Z"), Interval.MONTH.periodStart(anchor, 1, 1));
        assertEquals(Instant.parse("2027-03-31T09:30:00Z"), Interval.MONTH.periodStart(anchor, 1, 2));
        assertEquals(Instant.parse("2028-02-29T09:30:00Z"), Interval.MONTH.periodStart(anchor, 1, 13));
        assertEquals(Instant.parse("2027-07-31T09:30:00Z"), Interval.MONTH.periodStart(anchor, 3, 2));
        assertEquals(Instant.parse("2027-02-14T09:30:00Z"), Interval.WEEK.periodStart(anchor, 2, 1));
        assertEquals(Instant.parse("2027-02-01T09:30:00Z"), Interval.DAY.periodStart(anchor, 1, 1));
        assertEquals(Instant.parse("2029-01-31T09:30:00Z"), Interval.YEAR.periodStart(anchor, 1, 2));
        assertEquals(Instant.parse("2029-02-28T00:00:00Z"), Interval.YEAR.periodStart(Instant.parse("2028-02-29T00:00:00Z"), 1, 1));
        assertEquals(Instant.parse("2032-02-29T00:00:00Z"), Interval.YEAR.periodStart(Instant.parse("2028-02-29T00:00:00Z"), 1, 4));
    }

    private static BillingConfig config(List<Duration> retries, String finalAction) {
        return new BillingConfig() {
            @Override
            public Scheduler scheduler() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Dunning dunning() {
                return new Dunning() {
                    @Override
                    public List<Duration> retries() {
                        return retries;
                    }

                    @Override
                    public String finalAction() {
                        return finalAction;
                    }
                };
            }
        };
    }

    @Test
    void eachFailedAttemptWaitsItsRetryThenTheSubscriptionIsUnpaidOrCanceled() {
        DunningPolicy p = new DunningPolicy(config(List.of(Duration.ofDays(1), Duration.ofDays(3)), "unpaid"));
        Instant failed = Instant.parse("2027-05-01T00:00:00Z");
        assertEquals(failed.plus(Duration.ofDays(1)), p.nextAttempt(1, failed));
        assertEquals(failed.plus(Duration.ofDays(3)), p.nextAttempt(2, failed));
        assertNull(p.nextAttempt(3, failed));
        assertEquals(SubscriptionStatus.UNPAID, p.exhausted());
        assertEquals(SubscriptionStatus.CANCELED,
                new DunningPolicy(config(List.of(), "cancel")).exhausted());
        assertNull(new DunningPolicy(config(List.of(), "cancel")).nextAttempt(1, failed), "no retries: the first failure is final");
        assertThrows(IllegalArgumentException.class, () -> new DunningPolicy(config(List.of(), "forgive")));
    }

    @Test
    void invoiceNumbersAndAttemptKeys() {
        assertEquals("INV-000042", InvoiceStore.number(42));
        assertEquals("invoice:in_x:attempt:3", Invoice.attemptKey("in_x", 3));
    }
}
