package dev.payrail.common;

/** Validation of the common list parameters. */
public final class Pagination {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;

    private Pagination() {
    }

    public static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT + ".", "limit");
        }
        return limit;
    }

    /** A cursor is an object id of the listed type; anything else is rejected before any query. */
    public static String cursor(String startingAfter, String prefix) {
        if (startingAfter == null || startingAfter.isEmpty()) {
            return null;
        }
        if (!startingAfter.startsWith(prefix) || startingAfter.length() > 64
                || !Ids.isBase62(startingAfter.substring(prefix.length()))) {
            throw ApiException.badRequest("Malformed cursor: starting_after must be an id returned by this list.",
                    "starting_after");
        }
        return startingAfter;
    }
}
