package dev.payrail.common;

import java.util.List;
import java.util.function.Function;

/** A page of a list endpoint: newest first, {@code has_more} tells whether to fetch the next. */
public record ListResponse<T>(String object, List<T> data, boolean hasMore, String nextCursor) {

    /**
     * Builds a page from {@code limit + 1} fetched rows: the extra row only says there is more.
     */
    public static <E, T> ListResponse<T> of(List<E> rows, int limit, Function<E, T> view, Function<T, String> idOf) {
        boolean more = rows.size() > limit;
        List<T> data = (more ? rows.subList(0, limit) : rows).stream().map(view).toList();
        String cursor = more && !data.isEmpty() ? idOf.apply(data.get(data.size() - 1)) : null;
        return new ListResponse<>("list", data, more, cursor);
    }
}
