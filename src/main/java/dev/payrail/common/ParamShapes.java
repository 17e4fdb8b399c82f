package dev.payrail.common;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Ids in paths and query strings are checked by shape before any resource runs, so nothing a
 * client types into a URL reaches a query as anything but a well-formed id: a path id that is not
 * a Payrail id ({@code pay_…}, {@code mer_…}, a lowercase prefix, {@code _}, 1 to 64 base62
 * characters) is {@code 404}, as an unknown id would be; a provider name is lowercase letters and
 * {@code _}. A query parameter with a control character, NUL or lone surrogate is {@code 400}
 * naming it, and the id filters ({@code order_id}, {@code event_id}) must be ids of their type.
 * The emulators under {@code /sandbox/} take provider ids: there only printable ASCII is required.
 */
public class ParamShapes {

    /** After authentication (an anonymous caller learns nothing) and before every resource. */
    public static final int PRIORITY = Priorities.AUTHENTICATION + 50;

    private static final Pattern PAYRAIL_ID = Pattern.compile("[a-z]{2,12}_[A-Za-z0-9]{1,64}");
    private static final Pattern PROVIDER = Pattern.compile("[a-z][a-z_]{1,31}");
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]{1,200}");
    /** Query filters that hold an id, and the prefix of that id. */
    private static final Map<String, String> ID_FILTERS = Map.of("order_id", "order_", "event_id", "evt_");

    @ServerRequestFilter(priority = PRIORITY)
    public Response check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean sandbox = path.contains("/sandbox/");
        for (Map.Entry<String, List<String>> param : request.getUriInfo().getPathParameters().entrySet()) {
            for (String value : param.getValue()) {
                if (!pathValueOk(param.getKey(), value, sandbox)) {
                    return Problems.response(new ApiException(404, "NOT_FOUND_ERROR",
                            "No resource at this path: " + param.getKey() + " is not a valid id.", null));
                }
            }
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        for (Map.Entry<String, List<String>> param : query.entrySet()) {
            String name = printableName(param.getKey());
            for (String value : param.getValue()) {
                ApiException problem = queryProblem(name, value);
                if (problem != null) {
                    return Problems.response(problem);
                }
            }
        }
        return null;
    }

    static boolean pathValueOk(String name, String value, boolean sandbox) {
        if (value == null) {
            return false;
        }
        if (sandbox) {
            return PRINTABLE.matcher(value).matches();
        }
        return (name.equals("provider") ? PROVIDER : PAYRAIL_ID).matcher(value).matches();
    }

    static ApiException queryProblem(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        TextGuard.Flaw flaw = TextGuard.encodingFlaw(value);
        if (flaw != null) {
            return ApiException.badRequest("Query parameter " + name + " " + flaw.message() + ".", name);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return ApiException.badRequest("Query parameter " + name + " must not contain control characters.",
                        name);
            }
        }
        String prefix = ID_FILTERS.get(name);
        if (prefix != null && !(value.startsWith(prefix) && value.length() <= 80
                && PAYRAIL_ID.matcher(value).matches())) {
            return ApiException.badRequest(name + " must be an id starting with " + prefix + ".", name);
        }
        return null;
    }

    /** A parameter name fit for a problem document (names are echoed; values never are). */
    private static String printableName(String name) {
        return name != null && PRINTABLE.matcher(name).matches() && name.length() <= 64 ? name : "(unnamed)";
    }
}
