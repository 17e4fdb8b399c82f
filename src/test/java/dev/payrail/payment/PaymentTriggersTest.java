package dev.payrail.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The payment statements set the provider account and the first capture time themselves, so the V11 and V24
 * triggers, which run only when a row leaves those columns unset (V25), have nothing to do on the payment path;
 * and the triggers still fill them for every other writer. Each case runs in a transaction it rolls back.
 */
@QuarkusTest
class PaymentTriggersTest {

    @Test
    void theInsertDecidesTheProviderAccountAndTheCaptureStampsCapturedAtWithTheTriggersOff() throws SQLException {
        try (Connection c = Db.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // ordinary triggers do not fire in this transaction: whatever the row gets, the statements wrote
                s.execute("SET LOCAL session_replication_role = replica");
                String merchant = seededMerchant(s);

                String platform = pay(s, merchant, "t" + System.nanoTime());
                Map<String, Object> row = row(s, platform);
                assertEquals("platform", row.get("provider_account"), "no credentials of its own for the simulator");
                assertEquals(row.get("updated_at"), row.get("captured_at"), "stamped by the capture, at its time");

                ownCredentials(s, merchant);
                String own = pay(s, merchant, "o" + System.nanoTime());
                assertEquals(merchant, row(s, own).get("provider_account"), "the merchant's own account");
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void theTriggersStillFillBothColumnsForAnotherWriter() throws SQLException {
        try (Connection c = Db.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                String merchant = seededMerchant(s);
                String suffix = Long.toString(System.nanoTime(), 36);
                s.execute("INSERT INTO orders (id, merchant_id, amount, currency, status, created_at, updated_at) "
                        + "VALUES ('ord_trg" + suffix + "', '" + merchant + "', 500, 'USD', 'attempted', now(), now())");
                s.execute("INSERT INTO payments (id, merchant_id, order_id, amount, currency, status, method, method_details, "
                        + "capture_method, provider, created_at, updated_at) VALUES ('pay_trg" + suffix + "', '" + merchant
                        + "', 'ord_trg" + suffix + "', 500, 'USD', 'authorized', 'card', '{}'::jsonb, 'manual', "
                        + "'simulator', now() - interval '1 hour', now() - interval '1 hour')");
                Map<String, Object> inserted = row(s, "pay_trg" + suffix);
                assertEquals("platform", inserted.get("provider_account"), "filled by the V11 trigger");
                assertNull(inserted.get("captured_at"), "nothing captured yet");
                ownCredentials(s, merchant);
                s.execute("INSERT INTO orders (id, merchant_id, amount, currency, status, created_at, updated_at) "
                        + "VALUES ('ord_trg_own" + suffix + "', '" + merchant + "', 500, 'USD', 'attempted', now(), now())");
                s.execute("INSERT INTO payments (id, merchant_id, order_id, amount, currency, status, method, method_details, "
                        + "capture_method, provider, created_at, updated_at) VALUES ('pay_trg_own" + suffix + "', '"
                        + merchant + "', 'ord_trg_own" + suffix + "', 500, 'USD', 'authorized', 'card', '{}'::jsonb, "
                        + "'manual', 'simulator', now(), now())");
                assertEquals(merchant, row(s, "pay_trg_own" + suffix).get("provider_account"),
                        "the V11 trigger's rule agrees with the insert's: the merchant's own account");

                s.execute("UPDATE payments SET amount_captured = 500, status = 'captured', updated_at = now() "
                        + "WHERE id = 'pay_trg" + suffix + "'");
                Map<String, Object> captured = row(s, "pay_trg" + suffix);
                assertNotNull(captured.get("captured_at"), "stamped by the V24 trigger");
                assertEquals(captured.get("updated_at"), captured.get("captured_at"));
            } finally {
                c.rollback();
            }
        }
    }

    /** The insert and the capture of a one-step card payment, PaymentStore's own statements; its id. */
    private static String pay(Statement s, String merchant, String run) throws SQLException {
        for (String sql : List.of(BenchStatementsTest.render(PaymentStore.insertSql(true, false), BenchStatementsTest.INSERT),
                BenchStatementsTest.render(PaymentStore.applySql(true, true, true, false), BenchStatementsTest.APPLY))) {
            s.execute(sql.replace(":run", "'" + run + "'").replace(":client_id", "0").replace(":n", "1")
                    .replace(":mer", "'" + merchant + "'"));
        }
        return "pay_" + run + "_0_1";
    }

    /** Stored simulator credentials for the merchant (rolled back with the test's transaction). */
    private static void ownCredentials(Statement s, String merchant) throws SQLException {
        s.execute("INSERT INTO provider_accounts (merchant_id, provider, credentials_ciphertext, credentials_key_id, "
                + "created_at, updated_at) VALUES ('" + merchant + "', 'simulator', '\\x00'::bytea, 'test', now(), now()) "
                + "ON CONFLICT (merchant_id, provider) DO UPDATE SET credentials_ciphertext = '\\x00'::bytea, "
                + "credentials_key_id = 'test'");
    }

    private static String seededMerchant(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT id FROM merchants WHERE api_key_id = 'key_test_abc123'")) {
            r.next();
            return r.getString(1);
        }
    }

    private static Map<String, Object> row(Statement s, String id) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT provider_account, captured_at, updated_at FROM payments WHERE id = '"
                + id + "'")) {
            if (!r.next()) {
                throw new AssertionError("no payment " + id);
            }
            Map<String, Object> row = new java.util.HashMap<>();
            row.put("provider_account", r.getString(1));
            row.put("captured_at", r.getObject(2, java.time.OffsetDateTime.class));
            row.put("updated_at", r.getObject(3, java.time.OffsetDateTime.class));
            return row;
        }
    }
}
