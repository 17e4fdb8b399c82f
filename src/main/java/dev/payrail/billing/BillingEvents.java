package dev.payrail.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import dev.payrail.common.Ids;
import dev.payrail.common.Json;
import dev.payrail.event.Outbox;
import dev.payrail.event.OutboxListener;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code invoice.*} and {@code customer.subscription.*} events, written to the outbox in the
 * transaction of the change they announce ({@link #write}); the outbox listener is told after the
 * commit ({@link #told}).
 */
@Singleton
class BillingEvents {

    private static final String INSERT_EVENT = """
            INSERT INTO events (id, merchant_id, type, object_id, payload, created_at, delivery_status)
            VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, %s)
            RETURNING delivery_status AS %s""".formatted(Outbox.initialStatus("$2", "$3"), Outbox.EVENT_STATUS);

    /** One event to write: its type, object and payload (a view). */
    record Event(String type, String merchantId, String objectId, Object payload) {
    }

    private final Json json;
    private final OutboxListener outbox;

    BillingEvents(Json json, OutboxListener outbox) {
        this.json = json;
        this.outbox = outbox;
    }

    /** Writes the events on {@code conn} (in its transaction); whether any was queued for delivery. */
    Uni<Boolean> write(SqlConnection conn, List<Event> events, Instant at) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        List<Tuple> batch = new ArrayList<>();
        for (Event e : events) {
            batch.add(Tuple.from(new Object[] { Ids.newId("evt_"), e.merchantId(), e.type(), e.objectId(),
                    json.write(e.payload()), Sql.at(at) }));
        }
        return conn.preparedQuery(INSERT_EVENT).executeBatch(batch).map(BillingEvents::anyQueued);
    }

    /** A value written in a transaction, and whether that transaction queued an event. */
    record Written<T>(T value, boolean queued) {
    }

    /** After the commit: tells the outbox listener when an event was queued; returns the value. */
    <T> T told(Written<T> w) {
        return told(w.queued(), w.value());
    }

    /** After the commit: tells the outbox listener when an event was queued; returns {@code value}. */
    <T> T told(boolean queued, T value) {
        if (queued) {
            outbox.queued();
        }
        return value;
    }

    private static boolean anyQueued(RowSet<Row> batch) {
        for (RowSet<Row> rs = batch; rs != null; rs = rs.next()) {
            for (Row row : rs) {
                if (Outbox.queued(row)) {
                    return true;
                }
            }
        }
        return false;
    }
}
