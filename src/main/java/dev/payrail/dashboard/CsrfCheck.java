package dev.payrail.dashboard;

import java.lang.reflect.Method;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import dev.payrail.dashboard.security.Tokens;
import io.smallrye.mutiny.Uni;

/**
 * The synchronizer-token check of every dashboard POST, bound by {@link Requires}: runs around the resource
 * method, when the form is parsed, and compares its {@code _csrf} field with the token derived from the
 * session cookie (or, for the login form, from its login cookie). A mismatch is {@code 403}, audited when
 * a user is signed in.
 */
@Requires(Permission.SESSION)
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class CsrfCheck {

    private final CurrentUser current;

    CsrfCheck(CurrentUser current) {
        this.current = current;
    }

    @AroundInvoke
    Object check(InvocationContext ctx) throws Exception {
        ResteasyReactiveRequestContext request = CurrentRequestManager.get();
        if (request == null || !HttpMethod.POST.equals(request.getMethod())) {
            return ctx.proceed();
        }
        Method m = ctx.getMethod();
        Requires requires = m.getAnnotation(Requires.class) != null ? m.getAnnotation(Requires.class)
                : m.getDeclaringClass().getAnnotation(Requires.class);
        boolean login = requires != null && requires.value() == Permission.SIGN_IN;
        Object field = request.getFormParameter(DashboardFilter.CSRF_FIELD, true, false);
        Cookie cookie = request.getHttpHeaders().getCookies()
                .get(login ? DashboardCookies.LOGIN : DashboardCookies.SESSION);
        if (Tokens.csrfMatches(cookie == null ? null : cookie.getValue(), field == null ? null : field.toString())) {
            return ctx.proceed();
        }
        Response refused = DashboardFilter.forbidden(login ? "The form expired: reload the page and try again."
                : "The form's security token is missing or wrong: reload the page and try again.");
        Uni<Response> answer = current.signedIn()
                ? current.audit("dashboard.csrf_rejected", null, current.requestLine()).replaceWith(refused)
                : Uni.createFrom().item(refused);
        if (Uni.class.isAssignableFrom(m.getReturnType())) {
            return answer;
        }
        answer.subscribe().with(r -> { }, e -> { }); // a method returning Response: never block for the audit row
        return refused;
    }
}
