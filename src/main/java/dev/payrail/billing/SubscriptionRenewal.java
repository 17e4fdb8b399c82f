package dev.payrail.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import dev.payrail.event.EventTypes;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Renews one subscription whose period ended, in one transaction with its events: a subscription
 * set to cancel at period end is {@code canceled}; any other moves to its next period (a trial
 * ends: {@code active}) and gets that period's invoice, finalized and due for its charge at once.
 */
@Singleton
class SubscriptionRenewal {

    private final Pool pool;
    private final SubscriptionStore subscriptions;
    private final CatalogStore catalog;
    private final InvoiceFinalizer finalizer;
    private final BillingEvents events;

    SubscriptionRenewal(Pool pool, SubscriptionStore subscriptions, CatalogStore catalog, InvoiceFinalizer finalizer,
            BillingEvents events) {
        this.pool = pool;
        this.subscriptions = subscriptions;
        this.catalog = catalog;
        this.finalizer = finalizer;
        this.events = events;
    }

    /**
     * Renews one due subscription (of {@code merchantId}, or of any merchant when {@code null});
     * {@code false} when none was due (or all due ones are another run's).
     */
    Uni<Boolean> renewOne(Instant now, String merchantId) {
        return pool.withTransaction(conn -> subscriptions.claimDue(conn, now, merchantId).chain(s -> {
            if (s == null) {
                return Uni.createFrom().item(new Renewed(false, false));
            }
            if (s.cancelAtPeriodEnd()) {
                return end(conn, s, now);
            }
            return next(conn, s, now);
        })).map(r -> events.told(r.queued(), r.renewed()));
    }

    private record Renewed(boolean renewed, boolean queued) {
    }

    private Uni<Renewed> end(SqlConnection conn, Subscription s, Instant now) {
        Subscription ended = s.with(SubscriptionStatus.CANCELED, s.billingCycleAnchor(), s.currentPeriodStart(),
                s.currentPeriodEnd(), s.periodIndex(), true, s.canceledAt() != null ? s.canceledAt() : now,
                s.currentPeriodEnd(), s.pausedAt(), now);
        return subscriptions.update(conn, ended).chain(saved -> events.write(conn, List.of(new BillingEvents.Event(
                EventTypes.SUBSCRIPTION_DELETED, saved.merchantId(), saved.id(), SubscriptionView.of(saved))), now))
                .map(q -> new Renewed(true, q));
    }

    private Uni<Renewed> next(SqlConnection conn, Subscription s, Instant now) {
        return catalog.price(s.merchantId(), s.priceId()).chain(price -> catalog.product(s.merchantId(), price.productId())
                .chain(product -> {
                    int index = s.periodIndex() + 1;
                    Instant start = price.periodStart(s.billingCycleAnchor(), index);
                    Instant end = price.periodStart(s.billingCycleAnchor(), index + 1);
                    SubscriptionStatus status = s.status() == SubscriptionStatus.TRIALING ? SubscriptionStatus.ACTIVE
                            : s.status();
                    Subscription renewed = s.with(status, s.billingCycleAnchor(), start, end, index, false, s.canceledAt(),
                            s.endedAt(), s.pausedAt(), now);
                    return finalizer.invoice(conn, s, price, product, start, end, "subscription_cycle", now)
                            .chain(invoice -> subscriptions.update(conn, renewed).chain(saved -> {
                                List<BillingEvents.Event> list = new ArrayList<>();
                                if (invoice != null) {
                                    list.addAll(invoice.events());
                                }
                                list.add(new BillingEvents.Event(EventTypes.SUBSCRIPTION_UPDATED, saved.merchantId(),
                                        saved.id(), SubscriptionView.of(saved, invoice == null ? null : invoice.invoice().id())));
                                return events.write(conn, list, now);
                            })).map(q -> new Renewed(true, q));
                }));
    }
}
