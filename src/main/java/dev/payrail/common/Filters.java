package dev.payrail.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Parsing of list filters and free-form JSON fields, each failure naming its parameter. */
public final class Filters {

    private static final int MAX_KEYS = 50;
    private static final int MAX_KEY_LENGTH = 40;
    private static final int MAX_VALUE_LENGTH = 500;

    private Filters() {
    }

    /** An instant given as ISO-8601 or as Unix seconds; {@code null} when absent. */
    public static OffsetDateTime instant(String value, String param) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            if (value.chars().allMatch(Character::isDigit) && value.length() <= 12) {
                return Instant.ofEpochSecond(Long.parseLong(value)).atOffset(java.time.ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ApiException.badRequest(param + " must be an ISO-8601 timestamp or Unix seconds.", param);
        }
    }

    /**
     * A flat JSON object of at most 50 keys, with string, number or boolean values (metadata,
     * notes); {@code null} when absent.
     */
    public static Map<String, Object> flatObject(Map<String, Object> value, String param) {
        if (value == null) {
            return null;
        }
        if (value.size() > MAX_KEYS) {
            throw ApiException.badRequest(param + " takes at most " + MAX_KEYS + " keys.", param);
        }
        for (Map.Entry<String, Object> e : value.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().length() > MAX_KEY_LENGTH) {
                throw ApiException.badRequest(param + " keys must be 1 to " + MAX_KEY_LENGTH + " characters.", param);
            }
            Object v = e.getValue();
            boolean scalar = v == null || v instanceof String || v instanceof Number || v instanceof Boolean;
            if (!scalar) {
                throw ApiException.badRequest(param + " values must be strings, numbers or booleans.",
                        param + "." + e.getKey());
            }
            if (v instanceof String s && s.length() > MAX_VALUE_LENGTH) {
                throw ApiException.badRequest(param + " values must be at most " + MAX_VALUE_LENGTH + " characters.",
                        param + "." + e.getKey());
            }
        }
        return value;
    }
}
