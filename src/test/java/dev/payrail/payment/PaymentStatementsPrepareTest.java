package dev.payrail.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Every variant of the payment insert and outcome statements, in both forms ({@link SetWrite}), prepares in PostgreSQL without parameter types,
 * as the client prepares and caches it. A statement PostgreSQL refuses that way (e.g. "inconsistent types deduced
 * for parameter") is prepared again with the values' types, unnamed and uncached, on every execution: an extra
 * transaction and a parse and plan per payment, which the bench measured.
 */
@QuarkusTest
class PaymentStatementsPrepareTest {

    @Inject
    Pool pool;

    @Test
    void everyInsertAndOutcomeVariantPreparesUntyped() {
        List<String> sqls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sqls.add(PaymentStore.insertSql((i & 1) != 0, (i & 2) != 0).sql());
            sqls.add(PaymentStore.insertWrite((i & 1) != 0, (i & 2) != 0).many());
        }
        for (int i = 0; i < 16; i++) {
            sqls.add(PaymentStore.applySql((i & 1) != 0, (i & 2) != 0, (i & 4) != 0, (i & 8) != 0).sql());
            sqls.add(PaymentStore.applyWrite((i & 1) != 0, (i & 2) != 0, (i & 4) != 0, (i & 8) != 0).many());
        }
        List<String> refused = new ArrayList<>();
        SqlConnection conn = pool.getConnection().await().indefinitely();
        try {
            for (int i = 0; i < sqls.size(); i++) {
                String sql = sqls.get(i);
                try {
                    conn.query("PREPARE payment_stmt_check AS " + sql).execute().await().indefinitely();
                    conn.query("DEALLOCATE payment_stmt_check").execute().await().indefinitely();
                } catch (RuntimeException e) {
                    refused.add("variant " + i + " (" + (i % 2 == 0 ? "one" : "many") + "): " + e.getMessage());
                }
            }
        } finally {
            conn.closeAndAwait();
        }
        assertEquals(List.of(), refused);
    }
}
