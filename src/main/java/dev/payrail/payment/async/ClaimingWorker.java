package dev.payrail.payment.async;

import java.util.List;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The shape the PostgreSQL-backed workers share: a scheduled poll that claims a batch of due
 * items (each claim is a lease, so a crashed pod's work comes back), works them concurrently, and
 * never lets one failed poll stop the schedule. A worker can be paused for operations and tests.
 */
abstract class ClaimingWorker<T> {

    private volatile boolean paused;

    /** Stops claiming work (for operations and tests). */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    /** The due items, each claimed (leased) by this pod. */
    abstract Uni<List<T>> claim();

    /** Works one claimed item; a failure is the item's to handle (release, retry later). */
    abstract Uni<Void> work(T item);

    /** One poll: claim a batch, work every item, log and swallow what failed as a whole. */
    Uni<Void> drain(AsyncConfig config, Logger log, String what) {
        if (!config.enabled() || paused) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(this::claim).onItem().transformToMulti(list -> Multi.createFrom().<T>iterable(list))
                .onItem().transformToUniAndMerge(this::work)
                .collect().last().replaceWithVoid()
                .onFailure().invoke(t -> log.logf(dev.payrail.common.ShuttingDown.level(t, paused),
                        "%s failed: %s", what, t.toString()))
                .onFailure().recoverWithNull();
    }
}
