package dev.payrail.webhook;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;

/** A local webhook receiver on a random port that records every request and answers as scripted. */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received: lower-case header names, and when its body had arrived. */
    record Received(String path, Map<String, String> headers, String body, java.time.Instant at) {
        String header(String name) {
            return headers.get(name);
        }
    }

    /** An answer: status, optional headers, a delay before answering and a body of that many bytes (0: "ok <status>"). */
    record Answer(int status, Map<String, String> headers, long delayMillis, int bodyBytes) {
        Answer(int status, Map<String, String> headers) {
            this(status, headers, 0, 0);
        }

        static Answer of(int status) {
            return new Answer(status, Map.of());
        }
    }

    final java.util.concurrent.atomic.AtomicInteger concurrent = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger maxConcurrent = new java.util.concurrent.atomic.AtomicInteger();

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    final List<Received> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Answer> script = r -> Answer.of(200);

    WebhookReceiver() throws Exception {
        server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(buf -> {
            Map<String, String> headers = new java.util.HashMap<>();
            req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            Received r = new Received(req.path(), headers, buf.toString(), java.time.Instant.now());
            requests.add(r);
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            Answer a = script.apply(r);
            Runnable respond = () -> {
                concurrent.decrementAndGet();
                HttpServerResponse resp = req.response().setStatusCode(a.status());
                a.headers().forEach(resp::putHeader);
                resp.end(a.bodyBytes() > 0 ? "x".repeat(a.bodyBytes()) : "ok " + a.status());
            };
            if (a.delayMillis() > 0) {
                vertx.setTimer(a.delayMillis(), t -> respond.run());
            } else {
                respond.run();
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    void answer(Function<Received, Answer> script) {
        this.script = script;
    }

    List<Received> forEvent(String eventId) {
        return requests.stream().filter(r -> eventId.equals(r.header("webhook-id"))).toList();
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
