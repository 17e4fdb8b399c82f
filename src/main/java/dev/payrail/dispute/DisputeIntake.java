package dev.payrail.dispute;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.payrail.audit.Actor;
import dev.payrail.connector.DisputeDetails;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.payment.Payment;
import dev.payrail.payment.PaymentStatus;
import dev.payrail.payment.PaymentStore;
import io.smallrye.mutiny.Uni;

/**
 * A provider's report of a dispute of a payment of the reporting account (the caller checked the
 * account): records the dispute ({@link DisputeStore#record}), then moves the payment as the
 * dispute stands — to {@code disputed} while it is open or once lost, back to the status it had
 * when it opened once won (or an inquiry closed), unless another dispute of the payment still stands.
 * Both steps are idempotent, so a failed payment move is retried with the stored event.
 */
@Singleton
public class DisputeIntake {

    private static final Logger LOG = Logger.getLogger(DisputeIntake.class);
    private static final int MAX_CONFLICT_RETRIES = 3;

    private final DisputeStore disputes;
    private final PaymentStore payments;

    DisputeIntake(DisputeStore disputes, PaymentStore payments) {
        this.disputes = disputes;
        this.payments = payments;
    }

    /** The item is {@code {status, dispute id}} as recorded on the provider event. */
    public Uni<String[]> apply(String provider, String account, Payment p, ProviderEvent event) {
        DisputeDetails d = event.dispute();
        if (d == null || d.id() == null) {
            return Uni.createFrom().item(new String[] { "ignored", p.id() });
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return disputes.record(provider, account, p, d, now)
                .chain(r -> movePayment(p, r.dispute(), "webhook:" + provider, 0)
                        .map(moved -> new String[] { r.changed() || moved ? "applied" : "ignored", r.dispute().id() }));
    }

    /**
     * Moves the payment as the dispute stands; the item says whether it moved. A payment that changed
     * meanwhile (another event of the same dispute) is read again and the move decided anew.
     */
    Uni<Boolean> movePayment(Payment p, Dispute d, String actor, int attempt) {
        return decideAndMove(p, d, actor).chain(moved -> {
            if (moved != null) {
                return Uni.createFrom().item(moved);
            }
            if (attempt >= MAX_CONFLICT_RETRIES) {
                return Uni.createFrom().failure(new IllegalStateException("payment " + p.id() + " kept changing"));
            }
            return payments.find(p.merchantId(), p.id()).chain(fresh -> movePayment(fresh, d, actor, attempt + 1));
        });
    }

    /** {@code null} when the payment changed since it was read. */
    private Uni<Boolean> decideAndMove(Payment p, Dispute d, String actor) {
        boolean returns = DisputeDetails.WON.equals(d.status()) || DisputeDetails.WARNING_CLOSED.equals(d.status());
        if (!returns) {
            if (p.status() == PaymentStatus.DISPUTED || !p.status().canMoveTo(PaymentStatus.DISPUTED)) {
                return Uni.createFrom().item(false);
            }
            return transition(p, PaymentStatus.DISPUTED, actor);
        }
        PaymentStatus before = d.paymentStatusBefore() == null ? null : PaymentStatus.fromDb(d.paymentStatusBefore());
        if (!p.status().canReturnFromDisputeTo(before)) {
            return Uni.createFrom().item(false);
        }
        return disputes.otherStandingDispute(p.id(), d.id())
                .chain(standing -> standing ? Uni.createFrom().item(false) : transition(p, before, actor));
    }

    private Uni<Boolean> transition(Payment p, PaymentStatus target, String actor) {
        Payment after = p.change().status(target).build(Instant.now().truncatedTo(ChronoUnit.MICROS));
        return payments.transition(after, null, Actor.system(actor), "payment.dispute").map(saved -> {
            if (saved == null) {
                LOG.debugf("payment %s changed while its dispute moved it to %s: read again", p.id(), target.dbName());
                return null;
            }
            return true;
        });
    }
}
