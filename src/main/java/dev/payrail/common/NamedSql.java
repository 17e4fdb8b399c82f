package dev.payrail.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * SQL with named parameters ({@code :name}), numbered {@code $1, $2, ...} in order of first use.
 * Statements assembled from optional parts keep their parameters consistent this way: a part that
 * is left out takes its parameters with it, and PostgreSQL never sees an unused number.
 * {@code ::type} casts are not parameters.
 */
public final class NamedSql {

    private static final Pattern NAME = Pattern.compile("(?<![:\\w]):([a-z][a-z0-9_]*)");

    private final String sql;
    private final List<String> names;

    private NamedSql(String sql, List<String> names) {
        this.sql = sql;
        this.names = names;
    }

    public static NamedSql of(String template) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        Matcher m = NAME.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int n = numbers.computeIfAbsent(m.group(1), k -> numbers.size() + 1);
            m.appendReplacement(out, "\\$" + n);
        }
        m.appendTail(out);
        return new NamedSql(out.toString(), List.copyOf(numbers.keySet()));
    }

    /** {@code template} with each {@code :name} parameter replaced by {@code replacement.apply(name)}. */
    public static String rename(String template, Function<String, String> replacement) {
        return NAME.matcher(template).replaceAll(m -> Matcher.quoteReplacement(replacement.apply(m.group(1))));
    }

    /** The statement with numbered parameters, as PostgreSQL receives it. */
    public String sql() {
        return sql;
    }

    /** The parameter names, {@code $1} first. */
    public List<String> names() {
        return names;
    }

    /** The parameters in order, each asked of {@code values} by name. */
    public Tuple tuple(Function<String, Object> values) {
        List<Object> params = new ArrayList<>(names.size());
        for (String name : names) {
            params.add(values.apply(name));
        }
        return Tuple.from(params);
    }
}
