package dev.payrail.common;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Work that must finish once it has started, whoever waits for it: a provider call and the
 * bookkeeping of its outcome. The work runs on its own subscription; the returned {@link Uni} only
 * delivers its result. When the HTTP request is cancelled (client timeout, closed connection) the
 * answer is dropped, the work is not: the outcome is stored all the same.
 */
public final class Detached {

    private Detached() {
    }

    /** On subscription, starts {@code work} on a subscription of its own that no cancellation reaches. */
    public static <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<T> outcome = new CompletableFuture<>();
            Uni<T> started;
            try {
                started = work.get();
            } catch (RuntimeException e) {
                return Uni.createFrom().failure(e);
            }
            started.subscribe().with(outcome::complete, outcome::completeExceptionally);
            // Not Uni.createFrom().completionStage(outcome): cancelling that Uni would cancel the future.
            return Uni.createFrom().emitter(emitter -> outcome.whenComplete((item, failure) -> {
                if (failure != null) {
                    emitter.fail(failure);
                } else {
                    emitter.complete(item);
                }
            }));
        });
    }
}
