package dev.payrail.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.event.OutboxListener;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Delivers outbox events to merchant endpoints, at least once. Each claim takes due events (see
 * {@link WebhookDeliveryStore#claim}), posts each one signed per Standard Webhooks to the address
 * {@link SsrfGuard} checked, records the attempt and schedules the next one with exponential
 * backoff and jitter. Runs in every pod; nothing here blocks.
 *
 * <p>A claim starts when this process committed an event queued for delivery ({@link #queued()},
 * called by the statements' writers), after deliveries while more may be due, and at every poll:
 * the poll remains the safety net for other pods' events and for retries that came due. One claim
 * runs at a time; whatever asks for one meanwhile makes it run once more when it ends.
 */
@Singleton
public class WebhookDispatcher implements OutboxListener {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final Duration CAPACITY_RELEASE = Duration.ofMillis(500);

    private final WebhookDeliveryStore store;
    private final WebhookEndpointStore endpoints;
    private final SsrfGuard guard;
    private final WebhookConfig config;
    private final WebhookMetrics metrics;
    private final ObjectMapper mapper = new ObjectMapper();
    private final WebClient client;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger parked = new AtomicInteger();
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicBoolean claiming = new AtomicBoolean();
    /** A claim was asked for since the running one started: claim once more when it ends. */
    private final AtomicBoolean claimAgain = new AtomicBoolean();
    /** A nudge is on its way to the event loop: the nudges behind it need not send another. */
    private final AtomicBoolean nudging = new AtomicBoolean();
    private final AtomicBoolean moreDue = new AtomicBoolean();
    private final io.vertx.core.Vertx vertx;
    private volatile boolean paused;

    WebhookDispatcher(WebhookDeliveryStore store, WebhookEndpointStore endpoints, SsrfGuard guard,
            WebhookConfig config, WebhookMetrics metrics, Vertx vertx) {
        this.store = store;
        this.endpoints = endpoints;
        this.guard = guard;
        this.config = config;
        this.metrics = metrics;
        this.vertx = vertx.getDelegate();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setConnectTimeout((int) config.timeout().toMillis())
                .setUserAgent("Payrail-Webhooks/1.0")
                .setMaxPoolSize(Math.max(1, config.perEndpointConcurrency()))
                .setVerifyHost(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Stops claiming new events (deliveries in flight finish). For operations and tests. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    public int inFlight() {
        return inFlight.get();
    }

    @Scheduled(every = "${payrail.webhook.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        if (!config.dispatcherEnabled() || paused) {
            return Uni.createFrom().voidItem();
        }
        return pump();
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> measureBacklog() {
        return store.backlog().invoke(b -> metrics.backlog(b[0], b[1])).replaceWithVoid()
                .onFailure().recoverWithItem(t -> {
                    LOG.debugf("backlog query failed: %s", t.toString());
                    return null;
                });
    }

    /**
     * This process committed an event queued for delivery: claim now rather than at the next poll.
     * Fire and forget, from any thread: a burst of nudges sends one task to an event loop, and
     * that task's claim, or the one running, covers every event committed before it.
     */
    @Override
    public void queued() {
        if (!config.dispatcherEnabled() || paused || !nudging.compareAndSet(false, true)) {
            return;
        }
        try {
            // A fresh duplicated context: the claim and the deliveries it starts must not run in
            // (and log with the request id of) the request that wrote the event.
            io.vertx.core.Context current = io.vertx.core.Vertx.currentContext();
            VertxContext.createNewDuplicatedContext(current != null ? current : vertx.getOrCreateContext())
                    .runOnContext(v -> {
                        nudging.set(false);
                        claimSoon();
                    });
        } catch (RuntimeException e) {
            nudging.set(false);
            LOG.debugf("nudging the webhook dispatcher failed (the poll claims the event): %s", e.toString());
        }
    }

    /**
     * Claims as many due events as there is capacity for and starts their deliveries. While a
     * claim runs, a call only makes it claim once more when it ends, so an event committed during
     * a claim (which may not have seen it) does not wait for the next poll, and any number of
     * calls meanwhile cost one more claim.
     */
    Uni<Void> pump() {
        claimAgain.set(true);
        if (paused || !claiming.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        // This claim sees every event committed before it starts.
        claimAgain.set(false);
        int free = config.maxInFlight() - inFlight.get() - parked.get();
        if (free <= 0) {
            // A delivery that finishes claims again.
            moreDue.set(true);
            claimEnded();
            return Uni.createFrom().voidItem();
        }
        int batch = Math.min(config.batchSize(), free);
        return Uni.createFrom().deferred(() -> store.claim(batch, config.claimLease(), 2 * config.perEndpointConcurrency(),
                        maxAttempts()))
                .invoke(claimed -> {
                    moreDue.set(!claimed.isEmpty());
                    // Events whose endpoint went away since they were written were only marked
                    // skipped: no delivery will claim after them, so claim the next batch now.
                    if (claimed.stream().anyMatch(c -> !c.deliverable())) {
                        claimAgain.set(true);
                    }
                    List<String> givenBack = claimed.stream().filter(c -> !start(c)).map(ClaimedEvent::id).toList();
                    if (!givenBack.isEmpty()) {
                        giveBack(givenBack);
                    }
                })
                .onFailure().invoke(t -> LOG.logf(dev.payrail.common.ShuttingDown.level(t, paused),
                        "claiming webhook events failed: %s", t.toString()))
                .onTermination().invoke(this::claimEnded)
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /** The claim ended: claim again if that was asked for meanwhile. */
    private void claimEnded() {
        claiming.set(false);
        // Read after the release: a caller that found the claim running set it before trying.
        if (claimAgain.get()) {
            claimSoon();
        }
    }

    /**
     * Starts a claim (or asks the running one to claim again) without waiting for it; it logs and
     * swallows its own failures ({@link #pump}).
     */
    private void claimSoon() {
        if (!paused) {
            pump().subscribe().with(x -> {
            });
        }
    }

    int maxAttempts() {
        return config.retrySchedule().size() + 1;
    }

    /**
     * Starts the delivery when its endpoint is below its concurrency cap; otherwise parks it
     * (it stays claimed) until a delivery to the same endpoint finishes. {@code false} when the
     * endpoint already has a full queue here: the event is to be given back.
     */
    private boolean start(ClaimedEvent event) {
        if (!event.deliverable()) {
            return true;
        }
        Lane lane = lanes.computeIfAbsent(event.merchantId(), k -> new Lane());
        synchronized (lane) {
            if (lane.busy >= config.perEndpointConcurrency()) {
                if (lane.parked.size() >= config.perEndpointConcurrency()) {
                    return false;
                }
                lane.parked.add(event);
                parked.incrementAndGet();
                return true;
            }
            lane.busy++;
        }
        run(lane, event);
        return true;
    }

    /**
     * Gives claimed events back, due again after {@link #CAPACITY_RELEASE} (another pod may take
     * them), and claims once they are due: no nudge or delivery may come to claim them, and they
     * must not wait for the poll.
     */
    private void giveBack(List<String> eventIds) {
        store.release(eventIds, CAPACITY_RELEASE).subscribe().with(
                x -> vertx.setTimer(CAPACITY_RELEASE.toMillis(), t -> claimSoon()),
                t -> LOG.warnf("giving back %d events failed (they come back after their lease): %s", eventIds.size(),
                        t.toString()));
    }

    private void run(Lane lane, ClaimedEvent event) {
        inFlight.incrementAndGet();
        deliver(event)
                .onFailure().invoke(t -> LOG.warnf(
                        "recording delivery of %s failed (it is retried after its lease): %s", event.id(), t.toString()))
                .onFailure().recoverWithNull()
                .subscribe().with(x -> {
                    inFlight.decrementAndGet();
                    ClaimedEvent next;
                    synchronized (lane) {
                        next = lane.parked.poll();
                        if (next == null) {
                            lane.busy--;
                        }
                    }
                    if (next != null) {
                        parked.decrementAndGet();
                        run(lane, next);
                    }
                    afterDelivery();
                });
    }

    /** The deliveries of one endpoint in this process. */
    private static final class Lane {
        int busy;
        final java.util.ArrayDeque<ClaimedEvent> parked = new java.util.ArrayDeque<>();
    }

    private void afterDelivery() {
        if (moreDue.get()) {
            claimSoon();
        }
    }

    /** One attempt: sign, resolve and check the target, post, record. */
    Uni<Void> deliver(ClaimedEvent event) {
        String body = body(event);
        Instant started = Instant.now();
        long timestamp = started.getEpochSecond();
        String signature = WebhookSigner.header(event.endpoint().signingSecrets(started), event.id(), timestamp, body);
        java.util.Map<String, String> headers = requestHeaders(event.id(), timestamp, signature);
        return guard.resolveForDelivery(event.endpoint().url())
                .chain(target -> post(target, headers, body))
                .map(response -> outcome(event, response, started, headers, body))
                .onFailure().recoverWithItem(t -> failure(event, t, started, headers, body))
                .chain(attempt -> {
                    metrics.attempt(metricOutcome(attempt), Duration.ofMillis(attempt.latencyMs()));
                    Uni<Void> saved = store.record(attempt);
                    if (attempt.responseStatus() != null && attempt.responseStatus() == 410) {
                        saved = saved.chain(() -> endpoints.disable(event.merchantId(), "gone"))
                                .invoke(disabled -> {
                                    if (disabled) {
                                        metrics.endpointDisabled();
                                        LOG.infof("webhook endpoint of %s disabled: the receiver answered 410 Gone",
                                                event.merchantId());
                                    }
                                }).replaceWithVoid();
                    }
                    return saved;
                });
    }

    /** The receiver's status and headers, and the first bytes of its body. */
    record Answer(HttpResponse<Void> response, String body) {
    }

    /** The headers each attempt sends (and records): content type and the Standard Webhooks headers. */
    static java.util.Map<String, String> requestHeaders(String id, long timestamp, String signature) {
        java.util.Map<String, String> h = new java.util.LinkedHashMap<>();
        h.put("content-type", "application/json");
        h.put("webhook-id", id);
        h.put("webhook-timestamp", Long.toString(timestamp));
        h.put("webhook-signature", signature);
        return h;
    }

    private Uni<Answer> post(SsrfGuard.Target target, java.util.Map<String, String> headers, String body) {
        TruncatingBody answerBody = new TruncatingBody(Math.min(1024, config.responseBodyLimit()));
        RequestOptions options = new RequestOptions().setHost(target.host()).setPort(target.port())
                .setSsl(target.https()).setURI(target.requestUri());
        // Connect to the address the guard checked; Host header and TLS name stay the URL's host.
        SocketAddress server = SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress());
        return client.request(HttpMethod.POST, server, options)
                .as(io.vertx.mutiny.ext.web.codec.BodyCodec.<Void>newInstance(io.vertx.ext.web.codec.BodyCodec.pipe(answerBody)))
                .followRedirects(false)
                .timeout(config.timeout().toMillis())
                .putHeaders(headersOf(headers))
                .sendBuffer(Buffer.buffer(body))
                .ifNoItem().after(config.timeout().plusSeconds(1)).failWith(() -> new java.util.concurrent.TimeoutException(
                        "no answer within " + config.timeout().toSeconds() + " s"))
                .map(response -> new Answer(response, answerBody.text()));
    }

    private static io.vertx.mutiny.core.MultiMap headersOf(java.util.Map<String, String> headers) {
        io.vertx.mutiny.core.MultiMap m = io.vertx.mutiny.core.MultiMap.caseInsensitiveMultiMap();
        headers.forEach(m::add);
        return m;
    }

    /** {"type", "id", "created_at", "data": snapshot}: the snapshot is stored JSON, inserted as is. */
    String body(ClaimedEvent event) {
        try {
            return "{\"type\":" + mapper.writeValueAsString(event.type()) + ",\"id\":" + mapper.writeValueAsString(event.id())
                    + ",\"created_at\":" + mapper.writeValueAsString(DateTimeFormatter.ISO_INSTANT.format(event.createdAt()))
                    + ",\"data\":" + event.payload() + "}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private WebhookDeliveryStore.Attempt outcome(ClaimedEvent event, Answer answer, Instant started,
            java.util.Map<String, String> headers, String body) {
        Instant now = Instant.now();
        int latency = (int) Duration.between(started, now).toMillis();
        HttpResponse<Void> response = answer.response();
        int status = response.statusCode();
        String responseBody = truncate(answer.body());
        Exchange exchange = new Exchange(headers, body, Exchange.responseHeaders(response.headers().getDelegate()));
        if (status >= 200 && status < 300) {
            return new WebhookDeliveryStore.Attempt(event, "succeeded", status, responseBody, null, latency, null, now,
                    exchange);
        }
        String error = status >= 300 && status < 400 ? "redirect not followed" : "HTTP " + status;
        Instant next = status == 410 ? null : nextAttempt(event, now, retryAfter(response, status, now));
        return new WebhookDeliveryStore.Attempt(event, "failed", status, responseBody, error, latency, next, now, exchange);
    }

    private WebhookDeliveryStore.Attempt failure(ClaimedEvent event, Throwable t, Instant started,
            java.util.Map<String, String> headers, String body) {
        Instant now = Instant.now();
        String error = t instanceof SsrfGuard.RefusedException ? "refused: " + t.getMessage()
                : t instanceof java.util.concurrent.TimeoutException || t.getClass().getSimpleName().contains("Timeout")
                        ? "timeout" : "connection failed: " + t.getClass().getSimpleName();
        return new WebhookDeliveryStore.Attempt(event, "failed", null, null, truncateError(error),
                (int) Duration.between(started, now).toMillis(), nextAttempt(event, now, null), now,
                new Exchange(headers, body, null));
    }

    /** When to try again; {@code null} after the last attempt. */
    Instant nextAttempt(ClaimedEvent event, Instant now, Duration retryAfter) {
        if (event.attempt() >= event.maxAttempts()) {
            return null;
        }
        if (retryAfter != null) {
            return now.plus(retryAfter);
        }
        List<Duration> schedule = config.retrySchedule();
        Duration base = schedule.get(Math.min(event.attempt(), schedule.size()) - 1);
        double spread = 1 + config.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return now.plusMillis(Math.max(0, (long) (base.toMillis() * spread)));
    }

    /** {@code Retry-After} of a 429 or 503, in seconds or as an HTTP date, capped. */
    Duration retryAfter(HttpResponse<?> response, int status, Instant now) {
        if (status != 429 && status != 503) {
            return null;
        }
        String value = response.getHeader("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        Duration d;
        try {
            d = Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            try {
                d = Duration.between(now, ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (RuntimeException notADate) {
                return null;
            }
        }
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(config.maxRetryAfter()) > 0 ? config.maxRetryAfter() : d;
    }

    private static String metricOutcome(WebhookDeliveryStore.Attempt a) {
        if ("succeeded".equals(a.status())) {
            return "succeeded";
        }
        if (a.error() != null && a.error().startsWith("refused")) {
            return "refused";
        }
        return a.nextRetryAt() == null ? "failed" : "retrying";
    }

    private String truncate(String s) {
        if (s == null) {
            return null;
        }
        String clean = s.replace('\u0000', ' ');
        int limit = Math.min(1024, config.responseBodyLimit());
        return clean.length() <= limit ? clean : clean.substring(0, limit);
    }

    private static String truncateError(String s) {
        return s.length() <= 255 ? s : s.substring(0, 255);
    }
}
