package dev.payrail.checkout;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import dev.payrail.common.ApiException;

/**
 * The origins a merchant allows to frame its checkout. An origin is {@code scheme://host[:port]}
 * only: no path, query, fragment or credentials. Outside test mode every origin is https and no
 * localhost origin is accepted; in test mode http and localhost origins are allowed too.
 */
public final class AllowedOrigins {

    public static final int MAX_ORIGINS = 20;
    private static final int MAX_LENGTH = 200;

    private AllowedOrigins() {
    }

    /** The validated, normalised origins, without duplicates. */
    public static List<String> validate(List<String> origins, boolean testMode) {
        if (origins == null) {
            throw ApiException.badRequest("allowed_origins is required (an empty list allows no framing).",
                    "allowed_origins");
        }
        if (origins.size() > MAX_ORIGINS) {
            throw ApiException.badRequest("At most " + MAX_ORIGINS + " allowed origins.", "allowed_origins");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String origin : origins) {
            out.add(normalize(origin, testMode));
        }
        return new ArrayList<>(out);
    }

    static String normalize(String origin, boolean testMode) {
        String param = "allowed_origins";
        if (origin == null || origin.isEmpty() || origin.length() > MAX_LENGTH) {
            throw ApiException.badRequest("Each allowed origin is 1 to " + MAX_LENGTH + " characters.", param);
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("Not an origin: " + shorten(origin) + ".", param);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty();
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || !pathless
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw ApiException.badRequest("An allowed origin is scheme://host[:port] with nothing after it: "
                    + shorten(origin) + ".", param);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!testMode && !scheme.equals("https")) {
            throw ApiException.badRequest("Allowed origins must be https outside test mode: " + shorten(origin) + ".",
                    param);
        }
        if (!testMode && isLocal(host)) {
            throw ApiException.badRequest("Localhost origins are allowed in test mode only.", param);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    static boolean isLocal(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("[::1]") || host.equals("0.0.0.0");
    }

    /** The value of the CSP {@code frame-ancestors} directive. */
    public static String frameAncestors(List<String> origins) {
        return origins.isEmpty() ? "'none'" : String.join(" ", origins);
    }

    /**
     * The allowed origin that {@code origin} (as the SDK reports its page's origin) is, normalised as
     * stored, or {@code ""} when it is none of them.
     */
    public static String matching(List<String> origins, String origin) {
        if (origin == null) {
            return "";
        }
        try {
            String normalized = normalize(origin, true);
            return origins.contains(normalized) ? normalized : "";
        } catch (ApiException e) {
            return "";
        }
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
