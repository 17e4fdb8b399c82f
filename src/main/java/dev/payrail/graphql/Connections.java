package dev.payrail.graphql;

import java.util.List;
import java.util.function.Function;

import dev.payrail.common.Pagination;

/** Relay connections built from a newest-first page fetched with one row more than asked for. */
final class Connections {

    private Connections() {
    }

    /** {@code first}: 1 to 100, 10 when absent (the REST {@code limit}). */
    static int first(Integer first) {
        try {
            return Pagination.limit(first == null ? null : first.toString());
        } catch (dev.payrail.common.ApiException e) {
            throw dev.payrail.common.ApiException.badRequest("first must be between 1 and " + Pagination.MAX_LIMIT + ".",
                    "first");
        }
    }

    /** {@code after}: an id of the listed type, else a bad request naming {@code after}. */
    static String after(String after, String prefix) {
        try {
            return Pagination.cursor(after, prefix);
        } catch (dev.payrail.common.ApiException e) {
            throw dev.payrail.common.ApiException.badRequest("Malformed cursor: after must be a cursor of this connection.",
                    "after");
        }
    }

    record Page<T>(List<T> nodes, PageInfo pageInfo) {
    }

    static <R, T> Page<T> page(List<R> rows, int first, String after, Function<R, T> node, Function<T, String> id) {
        boolean more = rows.size() > first;
        List<T> nodes = (more ? rows.subList(0, first) : rows).stream().map(node).toList();
        String start = nodes.isEmpty() ? null : id.apply(nodes.get(0));
        String end = nodes.isEmpty() ? null : id.apply(nodes.get(nodes.size() - 1));
        return new Page<>(nodes, new PageInfo(more, after != null, start, end));
    }
}
