package dev.payrail.dashboard.query;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/** A local webhook endpoint on a random port: {@code /ok…} answers 200, anything else 500 with a body. */
final class HookReceiver implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    HookReceiver() throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(b -> {
                    boolean ok = req.path().startsWith("/ok");
                    req.response().setStatusCode(ok ? 200 : 500).end(ok ? "thanks" : "receiver broke");
                }))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
