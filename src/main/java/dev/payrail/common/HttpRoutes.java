package dev.payrail.common;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;

/**
 * Router-level plumbing that must also cover requests no REST resource matches: the request id
 * on every request and response, and a problem+json {@code 404} for unknown routes.
 */
@Singleton
public class HttpRoutes {

    static final int REQUEST_ID_ORDER = Integer.MIN_VALUE + 100;

    void install(@Observes Router router) {
        router.route().order(REQUEST_ID_ORDER).handler(ctx -> {
            String id = RequestIds.acceptOrGenerate(ctx.request().getHeader(RequestIds.HEADER));
            MDC.put(RequestIds.MDC_KEY, id);
            ctx.put(RequestIds.MDC_KEY, id);
            ctx.response().putHeader(RequestIds.HEADER, id);
            ctx.next();
        });
        router.route().last().handler(ctx -> {
            if (ctx.response().ended()) {
                return;
            }
            MDC.put(RequestIds.MDC_KEY, ctx.get(RequestIds.MDC_KEY));
            ctx.response().setStatusCode(404)
                    .putHeader("Content-Type", Problems.MEDIA_TYPE)
                    .end(Problems.body(404, "NOT_FOUND_ERROR", "No resource at this path.", null, null));
        });
    }
}
