package dev.payrail.graphql;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.payrail.payment.PaymentStore;

/** One entry of a payment's event log (the outbox of its webhooks). */
@Type("PaymentEvent")
public class EventNode {

    private final PaymentStore.Event event;

    EventNode(PaymentStore.Event event) {
        this.event = event;
    }

    public @NonNull String getId() {
        return event.id();
    }

    @Description("payment.created, payment.authorized, payment.captured, ... (as the webhooks).")
    public @NonNull String getType() {
        return event.type();
    }

    @Description("The event's payload as JSON text, as the webhook delivers it.")
    public @NonNull String getPayload() {
        return event.payload();
    }

    public @NonNull Instant getCreatedAt() {
        return event.createdAt();
    }
}
