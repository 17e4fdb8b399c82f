package dev.payrail.common;

import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What the router answers itself is problem+json with the request id too: failures no REST mapper
 * saw (a request without a {@code Host} header, a body that could not be read) and methods the
 * management endpoints under {@code /q/} do not serve ({@code 405} with {@code Allow}: they are
 * read-only).
 */
@Singleton
public class RouterFailures {

    private static final Logger LOG = Logger.getLogger(RouterFailures.class);
    private static final Set<HttpMethod> READ = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    void install(@Observes Router router) {
        router.route().order(HttpRoutes.REQUEST_ID_ORDER).failureHandler(this::failed);
        router.route("/q/*").order(HttpLimits.ORDER + 10).handler(RouterFailures::readOnly);
    }

    static void readOnly(RoutingContext ctx) {
        if (READ.contains(ctx.request().method())) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(405)
                .putHeader("Content-Type", Problems.MEDIA_TYPE)
                .putHeader("Allow", "GET, HEAD")
                .end(Problems.body(405, "METHOD_NOT_ALLOWED", "The management endpoints answer GET and HEAD only.",
                        null, null));
    }

    void failed(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        Object id = ctx.get(RequestIds.MDC_KEY);
        if (id == null) {
            id = RequestIds.acceptOrGenerate(ctx.request().getHeader(RequestIds.HEADER));
            ctx.response().putHeader(RequestIds.HEADER, id.toString());
        }
        MDC.put(RequestIds.MDC_KEY, id);
        int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
        String detail = switch (status) {
            case 400 -> ctx.request().authority() == null && ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_1_0
                    ? "The request has no Host header." : "The request could not be read.";
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not allowed on this resource.";
            case 413 -> "The request body is too large.";
            default -> status >= 500 ? "An internal error occurred." : "The request was rejected.";
        };
        if (status >= 500) {
            LOG.errorf(ctx.failure(), "request %s failed in the router", id);
        }
        if (ctx.response().headWritten()) {
            ctx.request().connection().close();
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", Problems.MEDIA_TYPE)
                .end(Problems.body(status, Problems.codeFor(status), detail, null, null));
    }
}
