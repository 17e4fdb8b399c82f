package dev.payrail.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import dev.payrail.common.ApiException;
import dev.payrail.common.Ids;
import dev.payrail.customer.CustomerStore;
import dev.payrail.customer.SavedMethodStore;
import dev.payrail.event.EventTypes;
import dev.payrail.idempotency.IdempotencyContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;

/**
 * What a merchant does to a subscription: create it (with its first invoice, charged at once,
 * unless a trial or a future billing cycle anchor defers it), cancel it now or at the period end,
 * pause and resume it. Each change is one transaction with its events.
 */
@Singleton
public class SubscriptionActions {

    private final Pool pool;
    private final SubscriptionStore subscriptions;
    private final CatalogStore catalog;
    private final CustomerStore customers;
    private final SavedMethodStore methods;
    private final InvoiceFinalizer finalizer;
    private final InvoiceStore invoices;
    private final InvoiceCharger charger;
    private final BillingEvents events;
    private final BillingConfig config;
    private final Clock clock;

    SubscriptionActions(Pool pool, SubscriptionStore subscriptions, CatalogStore catalog, CustomerStore customers,
            SavedMethodStore methods, InvoiceFinalizer finalizer, InvoiceStore invoices, InvoiceCharger charger,
            BillingEvents events, BillingConfig config, Clock clock) {
        this.pool = pool;
        this.subscriptions = subscriptions;
        this.catalog = catalog;
        this.customers = customers;
        this.methods = methods;
        this.finalizer = finalizer;
        this.invoices = invoices;
        this.charger = charger;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The subscription created, or the one this key created before; {@code replayed} then. */
    public record Created(Subscription subscription, String latestInvoice, boolean replayed) {
    }

    /** {@code now} is the time {@code n} was validated against (its trial end counts from it). */
    public Uni<Created> create(String merchantId, NewSubscription n, Instant now, String key, String fingerprint) {
        Uni<SubscriptionStore.Keyed> earlier = key == null ? Uni.createFrom().nullItem() : subscriptions.byKey(merchantId, key);
        return earlier.chain(k -> {
            if (k != null) {
                IdempotencyContext.requireSameRequest(k.fingerprint(), fingerprint);
                return invoices.latestOf(merchantId, k.subscription().id())
                        .map(latest -> new Created(k.subscription(), latest, true));
            }
            return requireParts(merchantId, n).chain(parts -> insert(merchantId, n, parts, now, key, fingerprint))
                    .onFailure(PgException.class).recoverWithUni(e -> {
                        PgException pg = (PgException) e;
                        if (!"23505".equals(pg.getSqlState()) || !SubscriptionStore.KEY_UNIQUE.equals(pg.getConstraint())) {
                            return Uni.createFrom().failure(e);
                        }
                        return subscriptions.byKey(merchantId, key).chain(again -> {
                            IdempotencyContext.requireSameRequest(again.fingerprint(), fingerprint);
                            return invoices.latestOf(merchantId, again.subscription().id())
                                    .map(latest -> new Created(again.subscription(), latest, true));
                        });
                    });
        });
    }

    private record Parts(Price price, Product product) {
    }

    /** The customer with a payment method to charge, and an active price: else 404 or 400. */
    private Uni<Parts> requireParts(String merchantId, NewSubscription n) {
        return customers.find(merchantId, n.customerId()).chain(c -> {
            if (c == null) {
                throw new ApiException(404, "NOT_FOUND_ERROR", "No such customer.", "customer");
            }
            if (n.paymentMethod() == null) {
                if (c.defaultPaymentMethod() == null) {
                    throw ApiException.badRequest("The customer has no default payment method: save a card for it first "
                            + "(a payment with save_payment_method), or name default_payment_method.", "customer");
                }
                return Uni.createFrom().voidItem();
            }
            return methods.find(merchantId, n.paymentMethod()).map(m -> {
                if (m == null || !m.customerId().equals(c.id()) || m.detached()) {
                    throw new ApiException(404, "NOT_FOUND_ERROR", "No such payment method for this customer.",
                            "default_payment_method");
                }
                return null;
            }).replaceWithVoid();
        }).chain(() -> catalog.price(merchantId, n.priceId())).chain(price -> {
            if (price == null) {
                throw new ApiException(404, "NOT_FOUND_ERROR", "No such price.", "price");
            }
            if (!price.active()) {
                throw ApiException.badRequest("The price " + price.id() + " is archived; it takes no new subscriptions.",
                        "price");
            }
            return catalog.product(merchantId, price.productId()).map(product -> new Parts(price, product));
        });
    }

    private Uni<Created> insert(String merchantId, NewSubscription n, Parts parts, Instant now, String key,
            String fingerprint) {
        Price price = parts.price();
        Subscription s;
        if (n.trialEnd() != null) {
            s = new Subscription(Ids.newId("sub_"), merchantId, n.customerId(), price.id(), n.quantity(), n.paymentMethod(),
                    SubscriptionStatus.TRIALING, n.trialEnd(), now, n.trialEnd(), -1, now, n.trialEnd(), false, null, null,
                    null, n.metadata(), 1, now, now);
        } else if (n.billingCycleAnchor() != null) {
            s = new Subscription(Ids.newId("sub_"), merchantId, n.customerId(), price.id(), n.quantity(), n.paymentMethod(),
                    SubscriptionStatus.ACTIVE, n.billingCycleAnchor(), now, n.billingCycleAnchor(), -1, null, null, false,
                    null, null, null, n.metadata(), 1, now, now);
        } else {
            s = new Subscription(Ids.newId("sub_"), merchantId, n.customerId(), price.id(), n.quantity(), n.paymentMethod(),
                    SubscriptionStatus.ACTIVE, now, now, price.periodStart(now, 1), 0, null, null, false, null, null, null,
                    n.metadata(), 1, now, now);
        }
        return pool.withTransaction(conn -> subscriptions.insert(conn, s, key, fingerprint).chain(saved -> {
            Uni<InvoiceFinalizer.Finalized> first = saved.periodIndex() < 0 ? Uni.createFrom().nullItem()
                    : finalizer.invoice(conn, saved, price, parts.product(), saved.currentPeriodStart(),
                            saved.currentPeriodEnd(), "subscription_create", now);
            return first.chain(invoice -> {
                List<BillingEvents.Event> list = new ArrayList<>();
                String latest = invoice == null ? null : invoice.invoice().id();
                list.add(new BillingEvents.Event(EventTypes.SUBSCRIPTION_CREATED, merchantId, saved.id(),
                        SubscriptionView.of(saved, latest)));
                if (invoice != null) {
                    list.addAll(invoice.events());
                }
                return events.write(conn, list, now).map(q -> new BillingEvents.Written<>(new Created(saved, latest, false), q));
            });
        })).map(events::told).chain(created -> created.latestInvoice() == null ? Uni.createFrom().item(created)
                : chargeFirst(created.latestInvoice(), now)
                        .chain(() -> subscriptions.find(merchantId, created.subscription().id()))
                        .map(after -> new Created(after, created.latestInvoice(), false)));
    }

    /** The first invoice is charged in the request, claimed like the scheduler claims (which may have taken it first). */
    private Uni<Void> chargeFirst(String invoiceId, Instant now) {
        return invoices.claimOne(invoiceId, now, config.scheduler().lease())
                .chain(claimed -> claimed == null ? Uni.createFrom().voidItem()
                        : charger.charge(claimed, now).replaceWithVoid());
    }

    /**
     * Cancels now ({@code canceled}, {@code customer.subscription.deleted}), or at the period end
     * ({@code cancel_at_period_end}, {@code customer.subscription.updated}; the renewal then ends it). A
     * paused subscription is canceled now either way.
     */
    public Uni<Subscription> cancel(String merchantId, String id, boolean atPeriodEnd) {
        return change(merchantId, id, "cancel", s -> {
            if (s.status() == SubscriptionStatus.CANCELED) {
                return null;
            }
            Instant now = now();
            // A paused subscription has no period running to its end: it ends now.
            if (atPeriodEnd && s.status() != SubscriptionStatus.PAUSED) {
                return s.with(s.status(), s.billingCycleAnchor(), s.currentPeriodStart(), s.currentPeriodEnd(),
                        s.periodIndex(), true, now, null, s.pausedAt(), now);
            }
            return s.with(SubscriptionStatus.CANCELED, s.billingCycleAnchor(), s.currentPeriodStart(), s.currentPeriodEnd(),
                    s.periodIndex(), s.cancelAtPeriodEnd(), now, now, s.pausedAt(), now);
        });
    }

    /** Pauses billing: a paused subscription is not renewed. */
    public Uni<Subscription> pause(String merchantId, String id) {
        return change(merchantId, id, "pause", s -> {
            if (!s.status().renews()) {
                return null;
            }
            Instant now = now();
            return s.with(SubscriptionStatus.PAUSED, s.billingCycleAnchor(), s.currentPeriodStart(), s.currentPeriodEnd(),
                    s.periodIndex(), s.cancelAtPeriodEnd(), s.canceledAt(), null, now, now);
        });
    }

    /**
     * Resumes a paused subscription: within its (paid) period it carries on to the period end; after
     * it, a new period starts now (re-anchored), invoiced by the scheduler's next run — the paused
     * time is never billed.
     */
    public Uni<Subscription> resume(String merchantId, String id) {
        return change(merchantId, id, "resume", s -> {
            if (s.status() != SubscriptionStatus.PAUSED) {
                return null;
            }
            Instant now = now();
            boolean inTrial = s.trialEnd() != null && s.trialEnd().isAfter(now) && s.periodIndex() < 0;
            SubscriptionStatus status = inTrial ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE;
            if (now.isBefore(s.currentPeriodEnd())) {
                return s.with(status, s.billingCycleAnchor(), s.currentPeriodStart(), s.currentPeriodEnd(), s.periodIndex(),
                        s.cancelAtPeriodEnd(), s.canceledAt(), null, null, now);
            }
            return s.with(status, now, s.currentPeriodStart(), now, -1, s.cancelAtPeriodEnd(), s.canceledAt(), null, null,
                    now);
        });
    }

    /** Applies {@code change} to the locked subscription; {@code null} from it: 409 in this state. */
    private Uni<Subscription> change(String merchantId, String id, String action,
            java.util.function.Function<Subscription, Subscription> change) {
        return pool.withTransaction(conn -> subscriptions.lock(conn, merchantId, id).chain(s -> {
            if (s == null) {
                throw ApiException.notFound("subscription");
            }
            Subscription after = change.apply(s);
            if (after == null) {
                throw ApiException.invalidState("subscription", s.status().publicName(), action);
            }
            Instant now = after.updatedAt();
            return subscriptions.update(conn, after).chain(saved -> events.write(conn, List.of(new BillingEvents.Event(
                    saved.status() == SubscriptionStatus.CANCELED ? EventTypes.SUBSCRIPTION_DELETED
                            : EventTypes.SUBSCRIPTION_UPDATED, merchantId, saved.id(), SubscriptionView.of(saved))), now)
                    .map(q -> new BillingEvents.Written<>(saved, q)));
        })).map(events::told);
    }
}
