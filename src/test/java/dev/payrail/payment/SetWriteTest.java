package dev.payrail.payment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@link SetWrite}: the set form of a statement takes the statement's own parameters, position by position, as typed
 * arrays over which it runs once; its template's differences between the forms are the {@link SetWrite.Rows} parts.
 * (That PostgreSQL writes the same rows through either form is {@link PaymentSetWritesTest}.)
 */
class SetWriteTest {

    private static final Map<String, String> TYPES = Map.of("id", "varchar", "n", "bigint", "v", "integer",
            "doc", "jsonb", "at", "timestamptz", "paid", "boolean");

    private static final SetWrite WRITE = SetWrite.of(rows -> """
            WITH w AS (
                INSERT INTO t (id, n, v, doc, at, on_) SELECT :id, :n, :v::integer, :doc, :at, :paid %s
                RETURNING id),
            x AS (INSERT INTO y (id) SELECT w.id %s)
            SELECT w.id FROM w""".formatted(rows.fromU(), rows.from("w", "id")), TYPES);

    @Test
    void theOneFormIsTheTemplateWithNumberedParameters() {
        assertEquals("""
                WITH w AS (
                    INSERT INTO t (id, n, v, doc, at, on_) SELECT $1, $2, $3::integer, $4, $5, $6\s
                    RETURNING id),
                x AS (INSERT INTO y (id) SELECT w.id FROM w)
                SELECT w.id FROM w""", WRITE.one().sql());
        assertEquals(List.of("id", "n", "v", "doc", "at", "paid"), WRITE.one().names());
    }

    @Test
    void theSetFormRunsTheTemplateOverTheUnnestedArraysOfTheSameParameters() {
        assertEquals("""
                WITH u AS (SELECT * FROM unnest($1::varchar[], $2::bigint[], $3::integer[], $4::text[]::jsonb[], \
                $5::timestamptz[], $6::boolean[]) AS u(id, n, v, doc, at, paid) LIMIT cardinality($1::varchar[])),
                w AS (
                    INSERT INTO t (id, n, v, doc, at, on_) SELECT u.id, u.n, u.v::integer, u.doc, u.at, u.paid FROM u
                    RETURNING id),
                x AS (INSERT INTO y (id) SELECT w.id FROM u JOIN w ON w.id = u.id)
                SELECT w.id FROM w""", WRITE.many());
    }

    @Test
    void eachParameterBecomesTheTypedArrayOfItsValuesInTheWritesOrder() {
        OffsetDateTime at = OffsetDateTime.of(2026, 12, 5, 9, 0, 0, 0, ZoneOffset.UTC);
        Tuple arrays = WRITE.arrays(List.of(
                Tuple.from(new Object[] { "a", 7L, 1, new JsonObject().put("k", "v"), at, true }),
                Tuple.from(new Object[] { "b", 8, null, null, null, false })));
        assertArrayEquals(new String[] { "a", "b" }, assertInstanceOf(String[].class, arrays.getValue(0)));
        assertArrayEquals(new Long[] { 7L, 8L }, assertInstanceOf(Long[].class, arrays.getValue(1)),
                "an int given for a bigint is widened");
        assertArrayEquals(new Integer[] { 1, null }, assertInstanceOf(Integer[].class, arrays.getValue(2)));
        assertArrayEquals(new String[] { "{\"k\":\"v\"}", null }, assertInstanceOf(String[].class, arrays.getValue(3)),
                "JSON as its text");
        assertArrayEquals(new OffsetDateTime[] { at, null },
                assertInstanceOf(OffsetDateTime[].class, arrays.getValue(4)));
        assertArrayEquals(new Boolean[] { true, false }, assertInstanceOf(Boolean[].class, arrays.getValue(5)));
    }

    @Test
    void aParameterWithoutATypeOrATemplateWithoutWithIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> SetWrite.of(rows -> "WITH w AS (SELECT :id, :unknown) SELECT 1", TYPES));
        assertThrows(IllegalArgumentException.class, () -> SetWrite.of(rows -> "SELECT :id", TYPES));
    }
}
