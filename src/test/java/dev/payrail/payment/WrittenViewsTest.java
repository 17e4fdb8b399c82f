package dev.payrail.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.payrail.connector.PaymentMethodType;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;

/** A request's answer reuses the JSON its event was written with only for an equal view, in that request. */
class WrittenViewsTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anEqualViewGetsTheWrittenJsonAndAChangedOneDoesNot() throws Exception {
        Object[] seen = onNewRequest(() -> {
            WrittenViews.remember(view(2), "{\"written\":true}");
            return new Object[] { WrittenViews.json(view(2)), WrittenViews.json(view(3)) };
        });
        assertEquals("{\"written\":true}", seen[0]);
        assertNull(seen[1], "a view that differs (here its version) is serialised again");
    }

    @Test
    void anotherRequestDoesNotSeeIt() throws Exception {
        onNewRequest(() -> {
            WrittenViews.remember(view(2), "{\"written\":true}");
            return null;
        });
        assertNull(onNewRequest(() -> new Object[] { WrittenViews.json(view(2)) })[0]);
    }

    @Test
    void outsideARequestNothingIsRemembered() {
        WrittenViews.remember(view(2), "{\"written\":true}");
        assertNull(WrittenViews.json(view(2)));
    }

    /** Runs {@code body} on a fresh duplicated context, as Quarkus runs each request. */
    private static Object[] onNewRequest(java.util.concurrent.Callable<Object[]> body) throws Exception {
        CompletableFuture<Object[]> result = new CompletableFuture<>();
        VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext()).runOnContext(v -> {
            try {
                result.complete(body.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        Object[] seen = result.get(10, TimeUnit.SECONDS);
        return seen == null ? new Object[1] : seen;
    }

    private static PaymentView view(int version) {
        Instant at = Instant.parse("2026-01-15T10:00:00Z");
        return new PaymentView("pay_written1", "payment", "order_written1", 1999, "USD", PaymentStatus.CAPTURED,
                PaymentMethodType.CARD, Map.of("brand", "visa", "last4", "4242"), null, null, null, "automatic",
                "simulator", "sim_1", 1999, 1999, 0, 0, null, null, null, null, null, version, at, at, null, null, null,
                null, null, null);
    }
}
