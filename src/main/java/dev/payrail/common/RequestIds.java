package dev.payrail.common;

import java.util.regex.Pattern;

import org.jboss.logging.MDC;

/** The request id: accepted from {@code X-Request-Id} when well-formed, generated otherwise. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private RequestIds() {
    }

    public static String acceptOrGenerate(String offered) {
        // request ids are logged and stored with events: one that looks like a card number is replaced
        if (offered != null && WELL_FORMED.matcher(offered).matches() && !TextGuard.containsCardNumber(offered)) {
            return offered;
        }
        return Ids.newId("req_");
    }

    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
