package dev.payrail.config;

import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;

/**
 * Creates the reactive PostgreSQL pool from Quarkus' options, with one change: statements up to
 * {@link #STATEMENT_CACHE_SQL_LIMIT} characters are kept prepared on each connection.
 *
 * <p>Vert.x caches prepared statements ({@code quarkus.datasource.reactive.cache-prepared-statements})
 * only up to 2048 characters of SQL, and Quarkus has no setting for that limit. Payrail's hot
 * statements are single data-modifying CTEs (the row, its outbox event, the audit row and the
 * attempt in one round trip) of about 2 kB, so at the default they fall off the cliff: PostgreSQL
 * parses and plans each of them on every execution.
 */
@Singleton
public class PgPoolSetup implements PgPoolCreator {

    /** Longest SQL text kept prepared; the hot statements are about 2,100 characters. */
    public static final int STATEMENT_CACHE_SQL_LIMIT = 16_384;

    @Override
    @SuppressWarnings("deprecation") // PgPool is the type Quarkus' recorder expects back
    public Pool create(Input input) {
        List<PgConnectOptions> databases = input.pgConnectOptionsList();
        databases.forEach(o -> o.setPreparedStatementCacheSqlLimit(STATEMENT_CACHE_SQL_LIMIT));
        return PgPool.pool(input.vertx(), databases, input.poolOptions());
    }
}
