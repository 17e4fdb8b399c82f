package dev.payrail.common;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Limits checked on every request before any handler, each answered as problem+json with the
 * request id and {@code Connection: close}: a declared body over {@code quarkus.http.limits.max-body-size}
 * ({@code 413}), a request target over {@code payrail.http.max-uri-length} ({@code 414}), headers over
 * {@code payrail.http.max-header-size} ({@code 431}), and a body still arriving after
 * {@code payrail.http.body-read-timeout} ({@code 408}; the upload only, never the work after it). Bodies
 * (chunked ones too) are read here and counted as they arrive. Netty's own limits
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set well above
 * these so that the codec, which can only answer with an empty response, rarely has to.
 */
@Singleton
public class HttpLimits {

    /** Right after the request id is assigned ({@link HttpRoutes}). */
    static final int ORDER = Integer.MIN_VALUE + 110;

    private final Vertx vertx;
    private final long maxBody;
    private final int maxUri;
    private final long maxHeaders;
    private final long bodyTimeoutMs;

    HttpLimits(Vertx vertx,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBody,
            @ConfigProperty(name = "payrail.http.max-uri-length", defaultValue = "4096") int maxUri,
            @ConfigProperty(name = "payrail.http.max-header-size", defaultValue = "20K") MemorySize maxHeaders,
            @ConfigProperty(name = "payrail.http.body-read-timeout", defaultValue = "10s") Duration bodyTimeout) {
        this.vertx = vertx;
        this.maxBody = maxBody.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        this.maxUri = maxUri;
        this.maxHeaders = maxHeaders.asLongValue();
        this.bodyTimeoutMs = bodyTimeout.toMillis();
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.uri() != null && request.uri().length() > maxUri) {
            refuse(ctx, 414, "URI_TOO_LONG", "The request target is longer than " + maxUri + " characters.",
                    Map.of("max_uri_length", maxUri));
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> h : request.headers()) {
            headerBytes += h.getKey().length() + h.getValue().length() + 4;
        }
        if (headerBytes > maxHeaders) {
            refuse(ctx, 431, "HEADERS_TOO_LARGE", "The request headers are larger than " + maxHeaders + " bytes.",
                    Map.of("max_header_size", maxHeaders));
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared < 0) {
                refuse(ctx, 400, "BAD_REQUEST_ERROR", "Content-Length must be a non-negative number.", Map.of());
                return;
            }
            if (declared > maxBody) {
                refuse(ctx, 413, "REQUEST_TOO_LARGE", "The request body is larger than the limit of " + maxBody
                        + " bytes.", Map.of("max_body_size", maxBody));
                return;
            }
        }
        boolean hasBody = length != null ? !length.trim().equals("0") : request.headers().contains("Transfer-Encoding");
        if (!hasBody || request.isEnded() || isForm(request)) {
            ctx.next();
            return;
        }
        readBody(ctx);
    }

    /** Forms are decoded by the HTTP layer itself (the sandbox's challenge pages): not read here. */
    private static boolean isForm(HttpServerRequest request) {
        String type = request.getHeader("Content-Type");
        return type != null && (type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33)
                || type.regionMatches(true, 0, "multipart/", 0, 10));
    }

    /**
     * The body is read here, counted against the limit as it arrives (a chunked body too), and handed
     * to the REST layer whole (it uses a body already read). The read timeout covers the upload only:
     * once the body is in, the request may take as long as its work needs.
     */
    private void readBody(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] finished = { false };
        long timer = vertx.setTimer(bodyTimeoutMs, id -> {
            if (!finished[0]) {
                finished[0] = true;
                MDC.put(RequestIds.MDC_KEY, ctx.get(RequestIds.MDC_KEY));
                refuse(ctx, 408, "REQUEST_TIMEOUT", "The request body did not arrive within " + bodyTimeoutMs + " ms.",
                        Map.of("body_read_timeout_ms", bodyTimeoutMs));
            }
        });
        request.handler(chunk -> {
            if (finished[0]) {
                return;
            }
            if ((long) body.length() + chunk.length() > maxBody) {
                finished[0] = true;
                vertx.cancelTimer(timer);
                refuse(ctx, 413, "REQUEST_TOO_LARGE", "The request body is larger than the limit of " + maxBody
                        + " bytes.", Map.of("max_body_size", maxBody));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> {
            finished[0] = true;
            vertx.cancelTimer(timer);
        });
        request.endHandler(end -> {
            vertx.cancelTimer(timer);
            if (!finished[0]) {
                finished[0] = true;
                ctx.setBody(body);
                ctx.next();
            }
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            ctx.response().writeContinue();
        }
        request.resume();
    }

    /** Answers and closes the connection: the rest of the request is never read. */
    static void refuse(RoutingContext ctx, int status, String code, String detail, Map<String, Object> extensions) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            ctx.request().connection().close();
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", Problems.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(Problems.body(status, code, detail, null, extensions))
                .onComplete(done -> ctx.request().connection().close());
    }
}
