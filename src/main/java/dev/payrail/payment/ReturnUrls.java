package dev.payrail.payment;

import java.net.URI;
import java.net.URISyntaxException;

import dev.payrail.common.ApiException;

/**
 * The merchant's page a payer is sent back to after a wallet's redirect flow. Payrail never fetches
 * it (the payer's browser does), so the rules are those of a link a customer follows: absolute,
 * {@code https} (plain {@code http} only for {@code localhost}, for development), no credentials in
 * it, at most 2,048 characters.
 */
final class ReturnUrls {

    private static final int MAX = 2048;

    private ReturnUrls() {
    }

    /** {@code url} when it is a valid return URL, {@code null} when absent; else a 400 naming {@code field}. */
    static String require(String url, String field) {
        if (url == null) {
            return null;
        }
        URI uri;
        try {
            uri = url.length() > MAX ? null : new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        String scheme = uri == null ? null : uri.getScheme();
        String host = uri == null ? null : uri.getHost();
        boolean local = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
        boolean ok = uri != null && uri.isAbsolute() && host != null && uri.getRawUserInfo() == null
                && ("https".equals(scheme) || "http".equals(scheme) && local);
        if (!ok) {
            throw ApiException.badRequest(field + " must be an absolute https URL (http only for localhost), without "
                    + "credentials, of at most " + MAX + " characters.", field);
        }
        return url;
    }
}
