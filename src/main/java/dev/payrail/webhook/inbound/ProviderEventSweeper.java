package dev.payrail.webhook.inbound;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Applies stored provider events whose processing did not finish (a crash, a database hiccup). */
@Singleton
public class ProviderEventSweeper {

    private static final Logger LOG = Logger.getLogger(ProviderEventSweeper.class);
    private static final double RETRY_SECONDS = 30;

    private final ProviderEventStore events;
    private final InboundWebhookService service;

    ProviderEventSweeper(ProviderEventStore events, InboundWebhookService service) {
        this.events = events;
        this.service = service;
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return events.claimUnprocessed(50, RETRY_SECONDS)
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(u -> service.process(u.provider(), u.account(), u.event())
                        .onFailure().recoverWithItem(t -> {
                            LOG.warnf("provider event %s/%s still failing: %s", u.provider(), u.event().eventId(),
                                    t.toString());
                            return null;
                        }))
                .collect().last().replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
