package dev.payrail.payment;

import java.lang.reflect.Array;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.payrail.common.NamedSql;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A write statement in two forms: {@link #one} writes one row's worth with scalar parameters, {@link #many} writes
 * any number at once, as one statement over the rows of {@code unnest} of one array per parameter. The
 * {@link WriteBatcher} sends a batch of writes of one statement as {@link #many}: PostgreSQL then starts its
 * executor, opens the tables and their indexes, and reads their CHECK constraints once for the batch instead of
 * once per write, which is most of what a small write costs it.
 * <p>
 * Both forms come from one template ({@code template.apply(form)}), written with {@code :name} parameters and the
 * {@link Rows} of the form where they differ: in {@code many} every {@code :name} becomes the column {@code u.name}
 * of the CTE {@code u} that unnests the arrays, in the order of {@code one}'s parameters, so that the parameters of
 * {@code many} are {@code one}'s, position by position, as arrays. The template must start with {@code WITH}.
 * <p>
 * The set form must return at most one row per write, with the write's first key ({@link WriteBatcher#write}) in
 * column {@code id}; a write without a row gets none, as its statement alone would give none. Writes that could
 * meet in one execution (the same payment, the same order) must not be sent as one set: the batcher sends a group
 * as a set only when their keys are distinct.
 */
final class SetWrite {

    /** How a template writes the parts that differ between the two forms. */
    interface Rows {

        /** {@code FROM cte}, joined in {@code many} to the row of {@code u} whose {@code column} is its id. */
        String from(String cte, String column);

        /** Nothing in {@code one}; {@code FROM u} in {@code many}: for a statement that reads no CTE. */
        String fromU();
    }

    private static final Rows ONE = new Rows() {
        @Override
        public String from(String cte, String column) {
            return "FROM " + cte;
        }

        @Override
        public String fromU() {
            return "";
        }
    };

    private static final Rows MANY = new Rows() {
        @Override
        public String from(String cte, String column) {
            return "FROM u JOIN " + cte + " ON " + cte + ".id = u." + column;
        }

        @Override
        public String fromU() {
            return "FROM u";
        }
    };

    private final NamedSql one;
    private final NamedSql many;
    /** Per parameter: the Java class of its array's elements. */
    private final Class<?>[] elements;
    /** Per parameter: whether it is JSON, sent as text. */
    private final boolean[] json;

    private SetWrite(NamedSql one, NamedSql many, Class<?>[] elements, boolean[] json) {
        this.one = one;
        this.many = many;
        this.elements = elements;
        this.json = json;
    }

    /**
     * The two forms of {@code template}; {@code types} gives the PostgreSQL type of each parameter ({@code varchar},
     * {@code text}, {@code bigint}, {@code integer}, {@code boolean}, {@code timestamptz} or {@code jsonb}).
     */
    static SetWrite of(Function<Rows, String> template, Map<String, String> types) {
        NamedSql one = NamedSql.of(template.apply(ONE));
        List<String> names = one.names();
        String body = template.apply(MANY).strip();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a set write's statement takes parameters: " + body);
        }
        if (!body.startsWith("WITH ")) {
            throw new IllegalArgumentException("a set write's template starts with WITH: " + body);
        }
        StringBuilder arrays = new StringBuilder();
        StringBuilder columns = new StringBuilder();
        Class<?>[] elements = new Class<?>[names.size()];
        boolean[] json = new boolean[names.size()];
        String first = null;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String type = types.get(name);
            if (type == null) {
                throw new IllegalArgumentException("no type for parameter :" + name);
            }
            json[i] = type.equals("jsonb");
            elements[i] = switch (type) {
                case "varchar", "text", "jsonb" -> String.class;
                case "bigint" -> Long.class;
                case "integer" -> Integer.class;
                case "boolean" -> Boolean.class;
                case "timestamptz" -> OffsetDateTime.class;
                default -> throw new IllegalArgumentException("unsupported type " + type + " of :" + name);
            };
            String array = ":" + name + (json[i] ? "::text[]" : "::" + type + "[]");
            if (i == 0) {
                first = array;
            }
            arrays.append(i == 0 ? "" : ", ").append(array).append(json[i] ? "::jsonb[]" : "");
            columns.append(i == 0 ? "" : ", ").append(name);
        }
        // No limit (each array holds one element per write), but a generic plan, made without the arrays, then
        // expects one row of u instead of ten, and looks the rows up by index as the one form's plan does, where
        // on a table not yet analysed it would hash u and scan the table whole per execution.
        String unnest = "WITH u AS (SELECT * FROM unnest(" + arrays + ") AS u(" + columns + ") LIMIT cardinality("
                + first + ")),\n";
        String rows = NamedSql.rename(body.substring("WITH ".length()), name -> "u." + name);
        NamedSql many = NamedSql.of(unnest + rows);
        if (!many.names().equals(names)) {
            throw new IllegalStateException("the set form's parameters differ from the statement's: " + many.names());
        }
        return new SetWrite(one, many, elements, json);
    }

    /** The statement for one write, with scalar parameters. */
    NamedSql one() {
        return one;
    }

    /** The statement for many writes, with one array per parameter of {@link #one}. */
    String many() {
        return many.sql();
    }

    /**
     * The parameters of {@link #many} for writes of {@link #one} with {@code rows}: parameter {@code i} is the
     * array of each row's parameter {@code i}, in the rows' order.
     */
    Tuple arrays(List<Tuple> rows) {
        List<Object> params = new ArrayList<>(elements.length);
        for (int i = 0; i < elements.length; i++) {
            Object[] values = (Object[]) Array.newInstance(elements[i], rows.size());
            for (int r = 0; r < rows.size(); r++) {
                values[r] = element(rows.get(r).getValue(i), i);
            }
            params.add(values);
        }
        return Tuple.from(params);
    }

    private Object element(Object value, int i) {
        if (value == null) {
            return null;
        }
        if (json[i]) {
            return value instanceof JsonObject o ? o.encode() : value.toString();
        }
        Class<?> type = elements[i];
        if (type == Long.class && value instanceof Number n) {
            return n.longValue();
        }
        if (type == Integer.class && value instanceof Number n) {
            return n.intValue();
        }
        return type.cast(value);
    }
}
