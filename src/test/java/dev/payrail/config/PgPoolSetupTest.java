package dev.payrail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class PgPoolSetupTest {

    @Inject
    Pool pool;

    /**
     * A statement as long as the payment CTEs (longer than Vert.x' default 2048-character cache
     * limit) stays prepared on its connection after it ran: the server holds it as a named
     * prepared statement, so the next execution is neither parsed nor planned again.
     */
    @Test
    void longStatementsStayPreparedOnTheirConnection() {
        String marker = "payrail_cache_probe_" + System.nanoTime();
        String longSql = "SELECT $1::int + 1 AS v /* " + marker + " " + "x".repeat(3000) + " */";
        assertTrue(longSql.length() > 2048 && longSql.length() < PgPoolSetup.STATEMENT_CACHE_SQL_LIMIT);
        long prepared = pool.withConnection(conn -> conn.preparedQuery(longSql).execute(Tuple.of(41))
                .invoke(rows -> assertEquals(42, rows.iterator().next().getInteger("v")))
                .chain(() -> conn.preparedQuery("SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE $1")
                        .execute(Tuple.of("%" + marker + "%")))
                .map(rows -> rows.iterator().next().getLong("n")))
                .await().atMost(Duration.ofSeconds(30));
        assertEquals(1L, prepared);
    }
}
