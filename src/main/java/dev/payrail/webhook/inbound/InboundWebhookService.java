package dev.payrail.webhook.inbound;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.payrail.audit.Actor;
import dev.payrail.common.ApiException;
import dev.payrail.connector.ConnectorRegistry;
import dev.payrail.connector.InboundWebhook;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.WebhookRejectedException;
import dev.payrail.dispute.DisputeIntake;
import dev.payrail.payment.Payment;
import dev.payrail.payment.PaymentStatus;
import dev.payrail.payment.PaymentStore;
import dev.payrail.refund.Refund;
import dev.payrail.refund.RefundStore;
import io.smallrye.mutiny.Uni;

/**
 * Provider webhooks: verify over the raw bytes with the secret of the account the webhook was
 * addressed to, store once per (provider, account, provider event id), then apply the change
 * through the payment state machine, to objects of that account only. A late, repeated or out-of-order event never moves a
 * payment backwards: it is recorded as {@code ignored}.
 */
@Singleton
public class InboundWebhookService {

    private static final Logger LOG = Logger.getLogger(InboundWebhookService.class);
    private static final int MAX_CONFLICT_RETRIES = 3;
    /** Recorded for a verified event that names an object of another account; it changes nothing. */
    static final String NOT_APPLICABLE = "not_applicable";

    /** What became of a received webhook. */
    public record Receipt(String eventId, boolean duplicate, String status) {
    }

    private final ConnectorRegistry connectors;
    private final ProviderEventStore events;
    private final PaymentStore payments;
    private final RefundStore refunds;
    private final DisputeIntake disputes;

    InboundWebhookService(ConnectorRegistry connectors, ProviderEventStore events, PaymentStore payments,
            RefundStore refunds, DisputeIntake disputes) {
        this.connectors = connectors;
        this.events = events;
        this.payments = payments;
        this.refunds = refunds;
        this.disputes = disputes;
    }

    /** A webhook addressed to the platform's configured provider account ({@code POST /webhooks/{provider}}). */
    public Uni<Receipt> receive(String provider, Map<String, String> headers, byte[] body) {
        return receive(provider, EventAccount.platform(), headers, body);
    }

    /**
     * A webhook addressed to an account. The connector verifies it with that account's secret only,
     * so the event belongs to that account; it is stored once per (provider, account, event id) and
     * applied to objects of that account only.
     */
    public Uni<Receipt> receive(String provider, EventAccount account, Map<String, String> headers, byte[] body) {
        PaymentConnector connector = provider == null || !provider.matches("[a-z_]{2,32}") ? null : connectors.get(provider);
        if (connector == null) {
            return Uni.createFrom().failure(ApiException.notFound("provider"));
        }
        Instant now = Instant.now();
        InboundWebhook webhook = account.isPlatform() ? new InboundWebhook(provider, headers, body, now)
                : InboundWebhook.forMerchant(account.merchantId(), provider, headers, body, now);
        return Uni.createFrom().deferred(() -> connector.verifyWebhook(webhook))
                .onFailure(WebhookRejectedException.class).transform(e -> new ApiException(401, "AUTHENTICATION_ERROR",
                        "The webhook signature could not be verified: " + e.getMessage() + ".", null))
                .chain(event -> events.insert(provider, account, event, now).chain(inserted -> {
                    if (!inserted) {
                        return Uni.createFrom().item(new Receipt(event.eventId(), true, "duplicate"));
                    }
                    // Stored: a failure from here on is retried by the sweeper, the provider gets its 2xx.
                    return process(provider, account, event)
                            .map(status -> new Receipt(event.eventId(), false, answered(status)))
                            .onFailure().recoverWithItem(t -> {
                                LOG.warnf("applying %s event %s of %s failed, will retry: %s", provider, event.eventId(),
                                        account, t.toString());
                                return new Receipt(event.eventId(), false, "received");
                            });
                }));
    }

    /**
     * The status told to the sender: an event naming another account's object is answered like an
     * unknown reference, so that a sender learns nothing about other accounts.
     */
    private static String answered(String status) {
        return NOT_APPLICABLE.equals(status) ? "unmatched" : status;
    }

    /** Applies a stored event and marks it; the item is the recorded status. */
    Uni<String> process(String provider, EventAccount account, ProviderEvent event) {
        return apply(provider, account, event, 0)
                .call(result -> events.markProcessed(provider, account, event.eventId(), result[0], result[1]))
                .map(result -> result[0]);
    }

    /** {status, object id}. */
    private Uni<String[]> apply(String provider, EventAccount account, ProviderEvent event, int attempt) {
        return switch (event.kind()) {
            case IGNORED -> Uni.createFrom().item(new String[] { "ignored", null });
            case REFUND_PROCESSED, REFUND_FAILED -> applyRefund(provider, account, event);
            default -> (event.kind() == ProviderEvent.Kind.DISPUTED
                    ? events.paymentByReferenceOrId(provider, account, event.providerReference())
                    : events.paymentByReference(provider, account, event.providerReference())).chain(found -> {
                if (found.outside()) {
                    LOG.warnf("%s event %s of account %s names a payment of another account: not applied", provider,
                            event.eventId(), account);
                    return Uni.createFrom().item(new String[] { NOT_APPLICABLE, null });
                }
                Payment p = found.inAccount();
                if (p == null) {
                    return Uni.createFrom().item(new String[] { "unmatched", null });
                }
                if (event.kind() == ProviderEvent.Kind.DISPUTED && event.dispute() != null
                        && event.dispute().id() != null) {
                    return disputes.apply(provider, account.key(), p, event);
                }
                Change change = change(p, event);
                if (change == null) {
                    return Uni.createFrom().item(new String[] { "ignored", p.id() });
                }
                return payments.transition(change.after(), change.orderStatus(), Actor.system("webhook:" + provider),
                        "payment.webhook").chain(saved -> {
                            if (saved != null) {
                                return Uni.createFrom().item(new String[] { "applied", p.id() });
                            }
                            if (attempt >= MAX_CONFLICT_RETRIES) {
                                return Uni.createFrom().failure(new IllegalStateException(
                                        "payment " + p.id() + " kept changing"));
                            }
                            return apply(provider, account, event, attempt + 1);
                        });
            });
        };
    }

    record Change(Payment after, String orderStatus) {
    }

    /** The payment after the event, or {@code null} when the state machine does not allow it (late or repeated). */
    static Change change(Payment p, ProviderEvent event) {
        PaymentStatus target = switch (event.kind()) {
            case AUTHORIZED -> PaymentStatus.AUTHORIZED;
            case CAPTURED -> PaymentStatus.CAPTURED;
            case FAILED -> PaymentStatus.FAILED;
            case CANCELLED -> PaymentStatus.CANCELLED;
            case DISPUTED -> PaymentStatus.DISPUTED;
            default -> null;
        };
        if (target == null || p.status() == target || !p.status().canMoveTo(target)) {
            return null;
        }
        // "Authorized" is older news than a capture or void Payrail has sent since: only the provider's status
        // query (the reconciler) may take a pending operation back to authorized, never a late event.
        if (target == PaymentStatus.AUTHORIZED && p.status().isOperationPending()) {
            return null;
        }
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Payment.Builder b = p.change().status(target);
        long amount = event.amount() != null && event.amount() > 0 && event.amount() <= p.amount() ? event.amount()
                : p.amount();
        return switch (target) {
            case AUTHORIZED -> new Change(b.authorized(amount).nextAction(null).build(now), null);
            case CAPTURED -> new Change(b.authorized(Math.max(p.amountAuthorized(), amount))
                    .captured(p.status() == PaymentStatus.AUTHORIZED ? Math.min(amount, p.amountAuthorized()) : amount)
                    .nextAction(null).build(now), "paid");
            case FAILED -> new Change(b.error("payment_declined", "The provider reported the payment as failed.",
                    event.declineCode()).nextAction(null).build(now), null);
            case CANCELLED -> new Change(b.build(now), "attempted");
            default -> new Change(b.build(now), null);
        };
    }

    private Uni<String[]> applyRefund(String provider, EventAccount account, ProviderEvent event) {
        return events.refundByReference(provider, account, event.providerReference()).chain(found -> {
            if (found.outside()) {
                LOG.warnf("%s event %s of account %s names a refund of another account: not applied", provider,
                        event.eventId(), account);
                return Uni.createFrom().item(new String[] { NOT_APPLICABLE, null });
            }
            Refund r = found.inAccount();
            if (r == null) {
                return Uni.createFrom().item(new String[] { "unmatched", null });
            }
            if (!"pending".equals(r.status())) {
                return Uni.createFrom().item(new String[] { "ignored", r.id() });
            }
            boolean processed = event.kind() == ProviderEvent.Kind.REFUND_PROCESSED;
            return refunds.settle(r, processed ? "processed" : "failed", r.providerReference(),
                    processed ? null : "refund_failed", processed ? null : "The provider reported the refund as failed.",
                    Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS))
                    .map(s -> new String[] { s == null ? "ignored" : "applied", r.id() });
        });
    }
}
