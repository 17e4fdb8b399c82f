package dev.payrail.connector.stripe;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stripe's form encoding: nested maps as {@code parent[child]=v}, lists indexed as
 * {@code items[0]=v}, an empty list as {@code key=}, {@code null} as an empty value, booleans as
 * {@code true}/{@code false}; keys and values form-URL-encoded (brackets in keys kept as they are,
 * spaces as {@code +}, as stripe-java does), pairs joined with {@code &}.
 */
public final class StripeForm {

    private final Map<String, Object> params = new LinkedHashMap<>();

    /** Adds a parameter; nested {@link Map}s and {@link List}s are allowed as values. */
    public StripeForm put(String key, Object value) {
        params.put(key, value);
        return this;
    }

    /** Adds a parameter unless the value is {@code null}. */
    public StripeForm putIfPresent(String key, Object value) {
        if (value != null) {
            params.put(key, value);
        }
        return this;
    }

    public Map<String, Object> params() {
        return params;
    }

    public String encode() {
        return encode(params);
    }

    /** The flattened {@code key → value} pairs, in order, before URL encoding. */
    public static List<Map.Entry<String, String>> flatten(Map<String, ?> params) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        params.forEach((k, v) -> flatten(k, v, out));
        return out;
    }

    public static String encode(Map<String, ?> params) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : flatten(params)) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(urlEncode(e.getKey()).replace("%5B", "[").replace("%5D", "]")).append('=')
                    .append(urlEncode(e.getValue()));
        }
        return sb.toString();
    }

    private static void flatten(String key, Object value, List<Map.Entry<String, String>> out) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.add(Map.entry(key, ""));
            }
            map.forEach((k, v) -> flatten(key + "[" + k + "]", v, out));
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.add(Map.entry(key, ""));
            }
            for (int i = 0; i < list.size(); i++) {
                flatten(key + "[" + i + "]", list.get(i), out);
            }
        } else if (value instanceof Enum<?> e) {
            out.add(Map.entry(key, e.name().toLowerCase()));
        } else {
            out.add(Map.entry(key, value == null ? "" : value.toString()));
        }
    }

    private static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Never prints values: a form may carry card data. */
    @Override
    public String toString() {
        return "StripeForm" + params.keySet();
    }
}
