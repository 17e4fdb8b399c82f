package dev.payrail.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.payrail.common.NamedSql;

/**
 * The benchmark's storage ceiling is only honest if pgbench runs the statements the gateway runs.
 * {@code bench/sql/payment.sql} is therefore rendered from the two statements of a one-step card
 * payment ({@link PaymentStore#insertSql}, {@link PaymentStore#applySql}), with each parameter replaced by a pgbench expression of
 * the value the gateway binds for a one-step simulator card payment. This test fails when a
 * statement changes and the file was not rendered again:
 * {@code ./mvnw test -Dtest=BenchStatementsTest -Dbench.sql.write=true}.
 */
class BenchStatementsTest {

    static final Path FILE = Path.of("bench/sql/payment.sql");

    private static final String ID = " || :run || '_' || :client_id || '_' || :n";
    private static final String CARD = "'{\"brand\":\"visa\",\"bin\":\"424242\",\"last4\":\"4242\",\"exp_month\":12,"
            + "\"exp_year\":2029,\"fingerprint\":\"NGIcbAMFgxEm8CwdgnuPmBhnfEqIJqS1KgXXhF4-r6Q\",\"holder_name\":\"Bench Mark\"}'";
    private static final String VIEW = "'{\"id\":\"pay_NvCa50pX3hkDDq\",\"object\":\"payment\",\"order_id\":\"order_CsoTi0JDAzasCY\","
            + "\"amount\":1999,\"currency\":\"USD\",\"status\":\"%s\",\"method\":\"card\",\"card\":{\"brand\":\"visa\",\"bin\":\"424242\","
            + "\"last4\":\"4242\",\"exp_month\":12,\"exp_year\":2029,\"fingerprint\":\"NGIcbAMFgxEm8CwdgnuPmBhnfEqIJqS1KgXXhF4-r6Q\","
            + "\"holder_name\":\"Bench Mark\"},\"capture_method\":\"automatic\",\"provider\":\"simulator\",%s\"amount_authorized\":%d,"
            + "\"amount_captured\":%d,\"amount_refunded\":0,\"version\":%d,\"created_at\":\"2026-11-21T23:28:44.426752Z\","
            + "\"updated_at\":\"2026-11-21T23:28:44.523533Z\"}'";

    /**
     * A card payment's 3-D Secure decision when the merchant's rules ask for nothing (the provider decides). A space
     * follows each colon before a word: pgbench reads {@code :false} in a statement as a variable.
     */
    private static final String TDS = "'{\"requested\": false,\"status\":\"not_requested\",\"liability_shift\": false}'";

    /** What PaymentOrchestrator binds to the insert of a new one-step card payment (new order, attempt, no job). */
    static final Map<String, String> INSERT = Map.ofEntries(
            Map.entry("id", "'pay_'" + ID), Map.entry("merchant_id", ":mer"), Map.entry("amount", "1999"),
            Map.entry("currency", "'USD'"), Map.entry("method", "'card'"), Map.entry("method_details", CARD + "::jsonb"),
            Map.entry("capture_method", "'automatic'"), Map.entry("provider", "'simulator'"),
            Map.entry("metadata", "NULL::jsonb"), Map.entry("idempotency_key", "'pgb-'" + ID), Map.entry("at", "now()"),
            Map.entry("event_id", "'evt_c'" + ID), Map.entry("event_payload", VIEW.formatted("processing", "", 0, 0, 1)),
            Map.entry("request_id", "'req_bench'"), Map.entry("order_id", "'order_'" + ID),
            Map.entry("attempt_id", "'att_'" + ID), Map.entry("attempt_key", "'att_'" + ID),
            Map.entry("reconcile_after", "now() + interval '30 seconds'"),
            Map.entry("request_fingerprint", "'M6cjDfKlJSPvSeYIO5Ay7Yq-qCWvxCFkeyH7Mxx9L0A'"),
            Map.entry("receipt", "NULL::varchar"),
            Map.entry("risk", "'{\"score\":0,\"decision\":\"allow\",\"reasons\":[]}'::jsonb"),
            Map.entry("three_d_secure", TDS + "::jsonb"), Map.entry("customer_id", "NULL::varchar"),
            Map.entry("payment_method_id", "NULL::varchar"), Map.entry("off_session", "false"));

    /** What it binds to the outcome when the simulator captured the payment at once (attempt, order paid, event, no audit). */
    static final Map<String, String> APPLY = Map.ofEntries(
            Map.entry("id", "'pay_'" + ID), Map.entry("merchant_id", ":mer"), Map.entry("status", "'captured'"),
            Map.entry("provider_reference", "'sim_'" + ID), Map.entry("amount_authorized", "1999"),
            Map.entry("amount_captured", "1999"), Map.entry("error_code", "NULL::varchar"),
            Map.entry("error_description", "NULL::varchar"), Map.entry("decline_code", "NULL::varchar"),
            Map.entry("next_action", "NULL::jsonb"), Map.entry("version", "2"), Map.entry("at", "now()"),
            Map.entry("reconcile_after", "NULL::timestamptz"), Map.entry("order_status", "'paid'"),
            Map.entry("event_id", "'evt_u'" + ID), Map.entry("event_type", "'payment.captured'"),
            Map.entry("event_payload", VIEW.formatted("captured", "\"provider_reference\":\"sim_dnS9pGpS6GpPQsNpfw\",", 1999, 1999, 2)),
            Map.entry("attempt_id", "'att_'" + ID), Map.entry("attempt_provider", "'simulator'"),
            Map.entry("attempt_key", "'att_'" + ID), Map.entry("attempt_operation", "'authorize'"),
            Map.entry("attempt_outcome", "'succeeded'"), Map.entry("attempt_latency_ms", "1"),
            Map.entry("attempt_error_code", "NULL::varchar"), Map.entry("attempt_reference", "'sim_'" + ID),
            Map.entry("attempt_amount", "NULL::bigint"), Map.entry("three_d_secure", TDS + "::jsonb"),
            Map.entry("risk_review", "NULL::varchar"));

    static String render(NamedSql sql, Map<String, String> values) {
        Matcher m = Pattern.compile("\\$(\\d+)").matcher(sql.sql());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = sql.names().get(Integer.parseInt(m.group(1)) - 1);
            String value = values.get(name);
            if (value == null) {
                throw new AssertionError("no pgbench value for :" + name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement("(" + value + ")"));
        }
        return m.appendTail(out).toString();
    }

    static String script() {
        return """
                -- GENERATED by BenchStatementsTest from PaymentStore.insertSql and applySql; do not edit.
                -- One Payrail payment as the gateway writes it: two statements, each its own implicit transaction.
                -- 1) the order, the payment (processing), its payment.created event, the audit row and the in-flight
                -- attempt; 2) the simulator's answer: payment captured (conditional on its version), attempt
                -- succeeded, order paid, payment.captured event. Variables: :run (-D, unique per pass),
                -- :n (-D n=0, a per-client counter), :client_id, :mer (-D, the seeded merchant).
                \\set n :n + 1
                """ + render(PaymentStore.insertSql(true, false), INSERT).strip() + ";\n"
                + render(PaymentStore.applySql(true, true, true, false), APPLY).strip() + ";\n";
    }

    @Test
    void pgbenchRunsTheGatewaysStatements() throws IOException {
        String expected = script();
        if (Boolean.getBoolean("bench.sql.write")) {
            Files.writeString(FILE, expected);
        }
        assertTrue(Files.exists(FILE), FILE + " is missing");
        assertEquals(expected, Files.readString(FILE),
                FILE + " is not the rendering of PaymentStore's statements; run "
                        + "./mvnw test -Dtest=BenchStatementsTest -Dbench.sql.write=true");
    }
}
