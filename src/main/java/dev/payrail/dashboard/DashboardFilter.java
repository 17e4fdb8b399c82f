package dev.payrail.dashboard;

import java.lang.reflect.Method;
import java.net.URI;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.payrail.ratelimit.ClientIp;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Guards every resource method under {@code /dashboard}: reads the session cookie, checks the session's
 * stage and the {@link Requires} permission against the user's role ({@link CsrfCheck} then checks the
 * {@code _csrf} field of every POST, once the form is parsed). A method without {@link Requires} is refused,
 * so a page cannot forget its permission. Refusals of a signed-in user (forged or cross-site POSTs,
 * missing permissions) are {@code 403} and audited.
 */
public class DashboardFilter {

    public static final String PREFIX = "/dashboard";
    public static final String CSRF_FIELD = "_csrf";

    private final SessionStore sessions;
    private final CurrentUser current;
    private final AuditTrail audit;

    DashboardFilter(SessionStore sessions, CurrentUser current, AuditTrail audit) {
        this.sessions = sessions;
        this.current = current;
        this.audit = audit;
    }

    static boolean covers(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> guard(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!covers(path)) {
            return null; // not this filter's path: a null Uni lets the request go on unsuspended
        }
        String ip = ClientIp.of(http);
        Requires requires = requirement(resource);
        if (requires == null) {
            return Uni.createFrom().item(forbidden("This page declares no permission."));
        }
        boolean post = HttpMethod.POST.equals(request.getMethod());
        if (requires.value() == Permission.SIGN_IN) {
            current.anonymous(ip, audit);
            return null;
        }
        String token = cookie(request, DashboardCookies.SESSION);
        return sessions.find(token).chain(session -> {
            if (session == null) {
                return Uni.createFrom().item(post ? forbidden("Your session ended: sign in again.") : redirect("/dashboard/login"));
            }
            current.set(session, token, ip, audit);
            String detail = request.getMethod() + " " + path + " needs " + requires.value().name().toLowerCase();
            current.requestLine(detail);
            Response stageAnswer = stage(session.stage(), requires.value(), post);
            if (stageAnswer != null) {
                return Uni.createFrom().item(stageAnswer);
            }
            if (session.stage().equals("full") && !session.user().role().allows(requires.value())) {
                return current.audit("dashboard.forbidden", null, detail)
                        .replaceWith(forbidden("Your role does not allow this."));
            }
            return sessions.touch(session).replaceWith((Response) null);
        });
    }

    /** What a session at {@code stage} gets for a page needing {@code p}; {@code null} when it may proceed. */
    private static Response stage(String stage, Permission p, boolean post) {
        if (p == Permission.SESSION) {
            return null;
        }
        switch (stage) {
            case "mfa":
                return p == Permission.SECOND_FACTOR ? null : post ? forbidden("Enter your authentication code first.")
                        : redirect("/dashboard/totp");
            case "enrol":
                return p == Permission.ACCOUNT ? null : post ? forbidden("Set up two-factor authentication first.")
                        : redirect("/dashboard/account");
            default:
                return p == Permission.SECOND_FACTOR ? redirect("/dashboard") : null;
        }
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (!covers(request.getUriInfo().getPath())) {
            return;
        }
        var h = response.getHeaders();
        h.putSingle("Cache-Control", "no-store");
        h.putSingle("X-Frame-Options", "DENY");
        h.putSingle("X-Content-Type-Options", "nosniff");
        h.putSingle("Referrer-Policy", "same-origin");
        h.putSingle("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; script-src 'self'; "
                + "style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    }

    static Requires requirement(ResourceInfo resource) {
        Method m = resource == null ? null : resource.getResourceMethod();
        if (m == null) {
            return null;
        }
        Requires r = m.getAnnotation(Requires.class);
        return r != null ? r : m.getDeclaringClass().getAnnotation(Requires.class);
    }

    static String cookie(ContainerRequestContext request, String name) {
        Cookie c = request.getCookies().get(name);
        return c == null ? null : c.getValue();
    }

    static Response redirect(String to) {
        return Response.seeOther(URI.create(to)).build();
    }

    static Response forbidden(String message) {
        return Response.status(403).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Forbidden</title></head>"
                        + "<body><h1>403 Forbidden</h1><p>" + message + "</p><p><a href=\"/dashboard\">Dashboard</a></p>"
                        + "</body></html>").build();
    }
}
