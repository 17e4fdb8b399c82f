package dev.payrail.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NamedSqlTest {

    @Test
    void namesAreNumberedInOrderOfFirstUseAndReused() {
        NamedSql sql = NamedSql.of("UPDATE t SET a = :a, b = :b::text::jsonb WHERE id = :id AND a <> :a AND c = 'x::y'");
        assertEquals("UPDATE t SET a = $1, b = $2::text::jsonb WHERE id = $3 AND a <> $1 AND c = 'x::y'", sql.sql());
        assertEquals(List.of("a", "b", "id"), sql.names());
    }

    @Test
    void theTupleFollowsTheNumbers() {
        NamedSql sql = NamedSql.of("SELECT (:merchant)::varchar, :n, :merchant");
        var tuple = sql.tuple(Map.of("merchant", "mer_1", "n", 7)::get);
        assertEquals(2, tuple.size());
        assertEquals("mer_1", tuple.getString(0));
        assertEquals(7, tuple.getInteger(1));
        assertThrows(IllegalArgumentException.class, () -> sql.tuple(name -> {
            throw new IllegalArgumentException(name);
        }));
    }
}
