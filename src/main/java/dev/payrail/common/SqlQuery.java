package dev.payrail.common;

import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/** Builds a parameterised WHERE clause; values are always bound, never concatenated. */
public final class SqlQuery {

    private final StringBuilder where = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    /** Adds {@code condition} with each {@code ?} replaced by the next bound parameter. */
    public SqlQuery and(String condition, Object... values) {
        StringBuilder c = new StringBuilder();
        int v = 0;
        for (char ch : condition.toCharArray()) {
            if (ch == '?') {
                params.add(values[v++]);
                c.append('$').append(params.size());
            } else {
                c.append(ch);
            }
        }
        where.append(where.isEmpty() ? " WHERE " : " AND ").append(c);
        return this;
    }

    public SqlQuery andIf(boolean present, String condition, Object... values) {
        return present ? and(condition, values) : this;
    }

    /** The keyset condition of a newest-first list after the cursor row. */
    public SqlQuery after(String table, String cursorId, String merchantId) {
        if (cursorId == null) {
            return this;
        }
        return and("(created_at, id) < (SELECT c.created_at, c.id FROM " + table
                + " c WHERE c.id = ? AND c.merchant_id = ?)", cursorId, merchantId);
    }

    public String where() {
        return where.toString();
    }

    /** Binds one more parameter and returns its placeholder. */
    public String bind(Object value) {
        params.add(value);
        return "$" + params.size();
    }

    public Tuple tuple() {
        return Tuple.from(params);
    }
}
