package dev.payrail.common;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The plain-HTTP listener speaks HTTP/1.1 only (no cleartext HTTP/2, neither by prior knowledge nor by
 * {@code Upgrade: h2c}), unless {@code payrail.http.cleartext-http2} is true. On HTTP/1.1, Vert.x's idle
 * handler sits behind the request decoder and sees no read until a request head is complete, so
 * {@code quarkus.http.idle-timeout} bounds the whole time a head takes to arrive (from the
 * connection's start, or from the previous answer). On cleartext HTTP/2 every frame counts as a read,
 * and a client could drip a header block for as long as it keeps each gap under the idle timeout.
 * Quarkus offers no other hook to time a request head (docs/operations.md "Slow clients").
 */
@Singleton
public class PlainHttpOptions implements HttpServerOptionsCustomizer {

    private final boolean cleartextHttp2;

    PlainHttpOptions(@ConfigProperty(name = "payrail.http.cleartext-http2", defaultValue = "false") boolean cleartextHttp2) {
        this.cleartextHttp2 = cleartextHttp2;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        if (!cleartextHttp2) {
            options.setHttp2ClearTextEnabled(false);
        }
    }
}
