package dev.payrail.event;

import io.vertx.mutiny.sqlclient.Row;

/**
 * The SQL that decides whether an outbox event is to be delivered: one predicate, used when an
 * event is written and again when the dispatcher claims it (the endpoint may have changed in
 * between).
 *
 * <p>An event is written {@code pending} only when its merchant has an endpoint that takes its
 * type at that moment, otherwise {@code skipped} at once: a merchant without webhooks costs the
 * outbox one row and no later update, and its events never queue up in front of the dispatcher
 * (as with Stripe, an event reaches the endpoints registered when it happened).
 *
 * <p>A statement that writes an event also returns the status it was written with
 * ({@link #eventStatus}), so that the writer tells the {@link OutboxListener} about queued events
 * only, without another query.
 */
public final class Outbox {

    /** The column in which a writing statement returns the {@code delivery_status} of the event it wrote. */
    public static final String EVENT_STATUS = "event_delivery_status";

    private Outbox() {
    }

    /**
     * Whether merchant row {@code m} has an enabled endpoint that takes an event of type
     * {@code typeSql} (an SQL expression). A {@link EventTypes#WEBHOOK_TEST} event is taken by
     * every enabled endpoint, whatever its event types (as Stripe's test events).
     */
    public static String deliverable(String m, String typeSql) {
        return ("%1$s.active AND %1$s.webhook_enabled AND coalesce(%1$s.webhook_url, '') <> ''"
                + " AND %1$s.webhook_secret IS NOT NULL AND (%1$s.webhook_events IS NULL"
                + " OR (%2$s)::varchar = '%3$s' OR (%2$s)::varchar = ANY (%1$s.webhook_events))")
                .formatted(m, typeSql, EventTypes.WEBHOOK_TEST);
    }

    /**
     * The {@code delivery_status} of a new event of type {@code typeSql} for merchant
     * {@code merchantIdSql} (SQL expressions): a scalar subquery on the merchant's primary key.
     */
    public static String initialStatus(String merchantIdSql, String typeSql) {
        return "coalesce((SELECT CASE WHEN " + deliverable("om", typeSql)
                + " THEN 'pending' ELSE 'skipped' END FROM merchants om WHERE om.id = (" + merchantIdSql + ")::varchar), 'skipped')";
    }

    /**
     * A select-list item for the final {@code SELECT} of a statement whose CTE {@code cte} inserts
     * at most one event {@code RETURNING delivery_status}: that status as {@link #EVENT_STATUS},
     * {@code NULL} when no event was written.
     */
    public static String eventStatus(String cte) {
        return "(SELECT " + cte + ".delivery_status FROM " + cte + ") AS " + EVENT_STATUS;
    }

    /** Whether the row of a writing statement says that it queued an event for delivery. */
    public static boolean queued(Row row) {
        return "pending".equals(row.getString(EVENT_STATUS));
    }
}
