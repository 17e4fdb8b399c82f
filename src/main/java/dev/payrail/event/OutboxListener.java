package dev.payrail.event;

import java.util.function.Function;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/**
 * Told right after this process committed an event written {@code pending}, so that its deliverer
 * can claim it at once instead of at its next poll. The writers learn it from the writing
 * statement itself ({@link Outbox#queued}), without another round trip.
 */
public interface OutboxListener {

    /**
     * An event was queued. Returns at once, never blocks and never throws: it must not delay or
     * fail the request that wrote the event. Calls in a burst may be coalesced.
     */
    void queued();

    /**
     * The first row of a writing statement as {@code from} makes it ({@code null} when there is
     * none), after telling this listener when the statement queued its event: the statement has
     * committed when its rows arrive.
     */
    default <T> T written(RowSet<Row> rows, Function<Row, T> from) {
        var it = rows.iterator();
        if (!it.hasNext()) {
            return null;
        }
        Row row = it.next();
        if (Outbox.queued(row)) {
            queued();
        }
        return from.apply(row);
    }
}
