package dev.payrail.billing;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The billing scheduler and its dunning schedule. */
@ConfigMapping(prefix = "payrail.billing")
public interface BillingConfig {

    /** The scheduler: renewals and invoice charges. */
    Scheduler scheduler();

    /** Retries of failed invoice charges. */
    Dunning dunning();

    interface Scheduler {
        /** Run the billing scheduler on this pod (any number of pods may run it at once). */
        @WithDefault("true")
        boolean enabled();

        /** How often it looks for due renewals and charges (a Quarkus scheduler interval). */
        @WithDefault("30s")
        String every();

        /** Subscriptions or invoices claimed per batch; a run takes batches until nothing is due. */
        @WithDefault("20")
        int batchSize();

        /**
         * How long a claimed charge is the claiming pod's: a pod that dies mid-charge leaves the invoice
         * to another after this, which resends the same attempt under the same idempotency key.
         */
        @WithDefault("PT10M")
        Duration lease();

        /** How often an invoice whose payment is still pending (processing, requires_action) is looked at again. */
        @WithDefault("PT1H")
        Duration pendingRecheck();
    }

    interface Dunning {
        /**
         * The waits before each retry of a failed charge, counted from the failure; after the last
         * retry fails, the invoice is uncollectible and the subscription takes {@link #finalAction}.
         */
        @WithDefault("P1D,P3D,P5D")
        List<Duration> retries();

        /** What happens to the subscription when the last retry failed: {@code unpaid} or {@code cancel}. */
        @WithDefault("unpaid")
        String finalAction();
    }
}
