package dev.payrail.event;

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
}
