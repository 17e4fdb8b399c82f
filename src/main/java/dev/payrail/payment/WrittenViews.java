package dev.payrail.payment;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;

/**
 * The JSON of the payment view that the current request last wrote into an event, so that its
 * answer, when it shows the very same view (the stored row read back equals what was written), is
 * those bytes instead of a second serialisation. Kept in the request's Vert.x context; outside one
 * nothing is remembered and the answer is serialised as usual.
 */
final class WrittenViews {

    private static final String KEY = "payrail.written-payment-view";

    private record Written(PaymentView view, String json) {
    }

    private WrittenViews() {
    }

    /** Remembers that {@code json} is {@code view} written, for the rest of this request. */
    static void remember(PaymentView view, String json) {
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(KEY, new Written(view, json));
        }
    }

    /** The JSON this request wrote for a view equal to {@code view}, or {@code null}. */
    static String json(PaymentView view) {
        if (!VertxContext.isOnDuplicatedContext()) {
            return null;
        }
        Written w = ContextLocals.<Written> get(KEY).orElse(null);
        return w != null && w.view().equals(view) ? w.json() : null;
    }
}
