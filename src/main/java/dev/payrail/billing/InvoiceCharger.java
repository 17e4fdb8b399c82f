package dev.payrail.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.payrail.common.ApiException;
import dev.payrail.customer.CustomerStore;
import dev.payrail.event.EventTypes;
import dev.payrail.payment.CreatePaymentRequest;
import dev.payrail.payment.Payment;
import dev.payrail.payment.PaymentOrchestrator;
import dev.payrail.payment.PaymentStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Charges one claimed invoice off-session through the payments API's own flow
 * ({@link PaymentOrchestrator#create}), with the idempotency key of its attempt
 * ({@link Invoice#attemptKey}), then records the outcome with its events in one transaction:
 * <ul>
 * <li>captured: the invoice is {@code paid}; a {@code past_due} or {@code unpaid} subscription is {@code active} again;
 * <li>declined (or no usable payment method): {@code invoice.payment_failed}; the next attempt per the
 * {@link DunningPolicy} and the subscription {@code past_due}, or after the last one the invoice
 * {@code uncollectible} and the subscription {@code unpaid} (or {@code canceled});
 * <li>not final (processing, requires_action — the customer completes it from the hosted invoice page —,
 * held for review): the attempt stays in flight and is looked at again later under the same key.
 * </ul>
 * A crash anywhere leaves the attempt in flight: the next claim resends the same attempt, whose key
 * finds the payment already made, so an invoice is never charged twice.
 */
@Singleton
class InvoiceCharger {

    private static final Logger LOG = Logger.getLogger(InvoiceCharger.class);

    /** How a charge attempt ended for the invoice. */
    enum Result { PAID, FAILED, PENDING, NOT_RECORDED }

    private final Pool pool;
    private final InvoiceStore invoices;
    private final SubscriptionStore subscriptions;
    private final CustomerStore customers;
    private final PaymentOrchestrator payments;
    private final DunningPolicy dunning;
    private final BillingEvents events;
    private final BillingConfig config;

    InvoiceCharger(Pool pool, InvoiceStore invoices, SubscriptionStore subscriptions, CustomerStore customers,
            PaymentOrchestrator payments, DunningPolicy dunning, BillingEvents events, BillingConfig config) {
        this.pool = pool;
        this.invoices = invoices;
        this.subscriptions = subscriptions;
        this.customers = customers;
        this.payments = payments;
        this.dunning = dunning;
        this.events = events;
        this.config = config;
    }

    /**
     * The outcome of the payment step: the payment, or why no payment could be made; {@code customerPresent}
     * for an attempt the customer started from the hosted page.
     */
    record Attempt(Payment payment, String error, boolean customerPresent) {
        Attempt(Payment payment, String error) {
            this(payment, error, false);
        }
    }

    /** Charges a claimed invoice off-session (the scheduler) and records the outcome. */
    Uni<Result> charge(Invoice claimed, Instant now) {
        return charge(claimed, now, false);
    }

    /**
     * Charges a claimed invoice and records the outcome; {@code customerPresent}: the customer paying
     * from the hosted page, on-session (the issuer may then ask for authentication).
     */
    Uni<Result> charge(Invoice claimed, Instant now, boolean customerPresent) {
        return pay(claimed, customerPresent).chain(attempt -> record(claimed, attempt, now))
                .onFailure().recoverWithItem(t -> {
                    // Nothing recorded: the attempt stays in flight and is resent under its key after the lease.
                    LOG.warnf("invoice %s attempt %d: not recorded, retried after the lease: %s", claimed.id(),
                            claimed.attemptCount(), t.toString());
                    return Result.NOT_RECORDED;
                });
    }

    /**
     * The payment step alone: the payment of the claimed attempt, made now or found again by its
     * key. A refusal of the request itself (no default payment method, a detached method, a deleted
     * customer) is a failed attempt without payment; any other failure propagates (the attempt stays in flight).
     */
    Uni<Attempt> pay(Invoice claimed) {
        return pay(claimed, false);
    }

    private Uni<Attempt> pay(Invoice claimed, boolean customerPresent) {
        return subscriptions.find(claimed.merchantId(), claimed.subscriptionId())
                .chain(s -> customers.find(claimed.merchantId(), claimed.customerId()).map(c -> {
                    if (c == null) {
                        return null;
                    }
                    return s != null && s.paymentMethod() != null ? s.paymentMethod() : c.defaultPaymentMethod();
                }))
                .chain(method -> {
                    if (method == null) {
                        return Uni.createFrom().item(new Attempt(null,
                                "no_payment_method: the customer has no default payment method.", customerPresent));
                    }
                    var request = new CreatePaymentRequest(null, claimed.amountDue(), claimed.currency(), null, null, null,
                            null, null, "automatic", null,
                            Map.of("invoice", claimed.id(), "subscription", String.valueOf(claimed.subscriptionId())),
                            claimed.number(), claimed.customerId(), false, method, !customerPresent);
                    return payments.create(claimed.merchantId(), request,
                            Invoice.attemptKey(claimed.id(), claimed.attemptCount()), null, false)
                            .map(created -> new Attempt(created.payment(), null, customerPresent))
                            .onFailure(ApiException.class).recoverWithUni(t -> {
                                ApiException e = (ApiException) t;
                                if (e.status() >= 500 || e.status() == 429) {
                                    return Uni.createFrom().failure(t);
                                }
                                return Uni.createFrom().item(new Attempt(null, e.code().toLowerCase() + ": " + e.getMessage(),
                                        customerPresent));
                            });
                });
    }

    /** Records the attempt's outcome, unless another run recorded this attempt already. */
    Uni<Result> record(Invoice claimed, Attempt attempt, Instant now) {
        return pool.withTransaction(conn -> invoices.lock(conn, claimed.id()).chain(current -> {
            if (current == null || current.status() != InvoiceStatus.OPEN || !current.attemptInFlight()
                    || current.attemptCount() != claimed.attemptCount()) {
                return Uni.createFrom().item(new Recorded(Result.NOT_RECORDED, false));
            }
            Payment p = attempt.payment();
            PaymentStatus status = p == null ? PaymentStatus.FAILED : p.status();
            if (status == PaymentStatus.CAPTURED) {
                return paid(conn, current, p, now);
            }
            if (status == PaymentStatus.FAILED || status == PaymentStatus.CANCELLED) {
                String error = attempt.error() != null ? attempt.error() : declined(p);
                return failed(conn, current, p, error.length() > 255 ? error.substring(0, 255) : error,
                        attempt.customerPresent(), now);
            }
            Invoice pending = current.with(InvoiceStatus.OPEN, 0, true, current.nextPaymentAttempt(),
                    now.plus(config.scheduler().pendingRecheck()), p.id(),
                    status == PaymentStatus.REQUIRES_ACTION ? "requires_action: the customer must authenticate the payment"
                            : null, now, null, null, null);
            return invoices.update(conn, pending).replaceWith(new Recorded(Result.PENDING, false));
        })).map(r -> events.told(r.queued(), r.result()));
    }

    private record Recorded(Result result, boolean queued) {
    }

    /** {@code decline_code: description} of a failed payment, as far as the provider said. */
    private static String declined(Payment p) {
        String code = p.declineCode() != null ? p.declineCode() : p.errorCode() != null ? p.errorCode()
                : "payment_" + p.status().publicName();
        return p.errorDescription() == null ? code : code + ": " + p.errorDescription();
    }

    private Uni<Recorded> paid(SqlConnection conn, Invoice current, Payment p, Instant now) {
        Invoice paid = current.with(InvoiceStatus.PAID, current.amountDue(), false, null, null, p.id(), null, now, now,
                null, null);
        return invoices.update(conn, paid).chain(saved -> subscriptionAfter(conn, saved, now, s -> switch (s.status()) {
            case PAST_DUE, UNPAID -> SubscriptionStatus.ACTIVE;
            default -> s.status();
        }).chain(changes -> {
            List<BillingEvents.Event> list = new ArrayList<>();
            list.add(invoiceEvent(EventTypes.INVOICE_PAID, saved));
            list.addAll(changes);
            return events.write(conn, list, now).map(q -> new Recorded(Result.PAID, q));
        }));
    }

    /**
     * A failed attempt. One the customer made from the hosted page leaves the dunning schedule and the
     * subscription as they were (the invoice stays open for the next scheduled retry).
     */
    private Uni<Recorded> failed(SqlConnection conn, Invoice current, Payment p, String error, boolean customerPresent,
            Instant now) {
        if (customerPresent) {
            Invoice after = current.with(InvoiceStatus.OPEN, 0, false, current.nextPaymentAttempt(), null,
                    p == null ? current.paymentId() : p.id(), error, now, null, null, null);
            return invoices.update(conn, after).chain(saved -> events.write(conn,
                    List.of(invoiceEvent(EventTypes.INVOICE_PAYMENT_FAILED, saved)), now))
                    .map(q -> new Recorded(Result.FAILED, q));
        }
        Instant next = dunning.nextAttempt(current.attemptCount(), now);
        Invoice after = next != null
                ? current.with(InvoiceStatus.OPEN, 0, false, next, null, p == null ? current.paymentId() : p.id(), error,
                        now, null, null, null)
                : current.with(InvoiceStatus.UNCOLLECTIBLE, 0, false, null, null, p == null ? current.paymentId() : p.id(),
                        error, now, null, null, now);
        return invoices.update(conn, after).chain(saved -> subscriptionAfter(conn, saved, now, s -> {
            if (!s.status().renews()) {
                return s.status();
            }
            return next != null ? SubscriptionStatus.PAST_DUE : dunning.exhausted();
        }).chain(changes -> {
            List<BillingEvents.Event> list = new ArrayList<>();
            list.add(invoiceEvent(EventTypes.INVOICE_PAYMENT_FAILED, saved));
            if (next == null) {
                list.add(invoiceEvent(EventTypes.INVOICE_MARKED_UNCOLLECTIBLE, saved));
            }
            list.addAll(changes);
            return events.write(conn, list, now).map(q -> new Recorded(Result.FAILED, q));
        }));
    }

    /** Moves the invoice's subscription to the status {@code next} gives; its event when it changed. */
    private Uni<List<BillingEvents.Event>> subscriptionAfter(SqlConnection conn, Invoice invoice, Instant now,
            java.util.function.Function<Subscription, SubscriptionStatus> next) {
        if (invoice.subscriptionId() == null) {
            return Uni.createFrom().item(List.of());
        }
        return subscriptions.lock(conn, invoice.merchantId(), invoice.subscriptionId()).chain(s -> {
            SubscriptionStatus to = next.apply(s);
            if (to == s.status()) {
                return Uni.createFrom().item(List.<BillingEvents.Event>of());
            }
            Subscription changed = to == SubscriptionStatus.CANCELED
                    ? s.with(to, s.billingCycleAnchor(), s.currentPeriodStart(), s.currentPeriodEnd(), s.periodIndex(),
                            s.cancelAtPeriodEnd(), now, now, s.pausedAt(), now)
                    : s.withStatus(to, now);
            return subscriptions.update(conn, changed).map(saved -> List.of(new BillingEvents.Event(
                    to == SubscriptionStatus.CANCELED ? EventTypes.SUBSCRIPTION_DELETED : EventTypes.SUBSCRIPTION_UPDATED,
                    saved.merchantId(), saved.id(), SubscriptionView.of(saved, invoice.id()))));
        });
    }

    private BillingEvents.Event invoiceEvent(String type, Invoice i) {
        return new BillingEvents.Event(type, i.merchantId(), i.id(), InvoiceView.of(i, null));
    }
}
