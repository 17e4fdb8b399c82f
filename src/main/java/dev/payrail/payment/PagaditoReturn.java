package dev.payrail.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.payrail.audit.Actor;
import dev.payrail.common.ApiException;
import dev.payrail.connector.ConnectorCalls;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.pagadito.PagaditoConnector;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * A payer back from Pagadito's page: Pagadito put the transaction token and our ERN (the payment
 * id) into the return URL the merchant configured in the Pagadito panel. Nothing from the browser
 * is trusted: the payment must belong to the account the return page names (the merchant in the
 * path, or the platform's sandbox account), the token must be the one exec_trans gave the payment,
 * and only Pagadito's own get_status moves the payment.
 *
 * <p>A payer who pays after the payment expired ({@code payment_expired}: failed, final) is not
 * dropped silently. The state machine cannot turn a failed payment into a captured one, so the
 * payment stays failed, and the money Pagadito took is made visible: a {@code status} attempt with
 * outcome {@code succeeded} and the token on the payment (in its {@code attempts}), a WARN log and
 * the counter {@code payrail.payments.late_success}; the payer's page says so. The merchant refunds
 * it in the Pagadito panel (Pagadito's API has no refund).
 */
@Singleton
class PagaditoReturn {

    private static final Logger LOG = Logger.getLogger(PagaditoReturn.class);
    private static final Pattern PAYMENT_ID = Pattern.compile("pay_[0-9A-Za-z]{6,40}");
    private static final Pattern TOKEN = Pattern.compile("[0-9A-Za-z_-]{8,128}");

    /** The payment after the return, and whether Pagadito reported it paid after it had failed. */
    record Result(Payment payment, boolean lateSuccess) {
    }

    private final PaymentStore payments;
    private final PagaditoConnector connector;
    private final ConnectorCalls calls;
    private final MeterRegistry metrics;

    PagaditoReturn(PaymentStore payments, PagaditoConnector connector, ConnectorCalls calls, MeterRegistry metrics) {
        this.payments = payments;
        this.connector = connector;
        this.calls = calls;
        this.metrics = metrics;
    }

    /** {@code merchantId} {@code null}: the return page of the platform's Pagadito account. */
    Uni<Result> returned(String merchantId, String token, String ern) {
        if (ern == null || !PAYMENT_ID.matcher(ern).matches() || token == null || !TOKEN.matcher(token).matches()) {
            return Uni.createFrom().failure(ApiException.notFound("payment"));
        }
        return payments.findAnyMerchant(ern).chain(p -> {
            if (p == null || !PagaditoConnector.NAME.equals(p.provider()) || p.providerReference() == null
                    || merchantId != null && !merchantId.equals(p.merchantId())
                    || !MessageDigest.isEqual(p.providerReference().getBytes(StandardCharsets.UTF_8),
                            token.getBytes(StandardCharsets.UTF_8))) {
                throw ApiException.notFound("payment");
            }
            return connector.usesPlatformAccount(p.merchantId()).chain(platform -> {
                if (platform != (merchantId == null)) {
                    // The return URL of one Pagadito account never settles a payment of another.
                    throw ApiException.notFound("payment");
                }
                return settle(p);
            });
        });
    }

    private Uni<Result> settle(Payment p) {
        var request = new ConnectorRequests.Status(p.id(), p.providerReference(), p.amount(), p.currency(), null,
                p.merchantId());
        return calls.call(connector, "status", p.id(), () -> connector.status(request)).chain(timed -> {
            ConnectorResult r = timed.result();
            PaymentAttempt check = PaymentAttempt.start(p, p.provider(), "status", PaymentStore.now())
                    .finish(r, timed.latencyMs());
            boolean open = p.status() == PaymentStatus.REQUIRES_ACTION || p.status() == PaymentStatus.UNKNOWN
                    || p.status() == PaymentStatus.PROCESSING;
            boolean known = r.is(Outcome.SUCCEEDED) || r.is(Outcome.DECLINED);
            if (open && known) {
                Outcomes.Change change = Outcomes.apply(p, r, PaymentStore.now());
                return payments.transition(change.after(), change.orderStatus(), Actor.system("pagadito_return"),
                        "payment.provider_return", check, null)
                        .chain(saved -> saved != null ? Uni.createFrom().item(new Result(saved, false))
                                // The reconciler settled it meanwhile: its outcome is the answer.
                                : payments.find(p.merchantId(), p.id()).map(now -> new Result(now, false)));
            }
            boolean late = p.status() == PaymentStatus.FAILED && r.is(Outcome.SUCCEEDED);
            if (late) {
                LOG.warnf("payment %s of merchant %s failed (%s) but Pagadito reports it COMPLETED (token %s): the "
                        + "payer paid late; the money is at Pagadito and must be refunded there", p.id(),
                        p.merchantId(), p.errorCode(), p.providerReference());
                metrics.counter("payrail.payments.late_success", "provider", p.provider()).increment();
            }
            return payments.recordAttempt(check).replaceWith(new Result(p, late));
        });
    }
}
