package dev.payrail.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import dev.payrail.support.Db;
import dev.payrail.support.TestEnvironment;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CardDataNeverStoredTest {

    private static final String PAN = "4242424242424242";
    private static final String CVC = "987";

    @Test
    void fullCardNumberAndCvcAppearNowhereInTheDatabase() throws Exception {
        String body = "{\"amount\":4321,\"currency\":\"USD\",\"method\":\"card\",\"metadata\":{\"ref\":\"x\"},"
                + "\"card\":{\"number\":\"" + PAN + "\",\"expiry_month\":11,\"expiry_year\":2031,\"cvc\":\"" + CVC
                + "\",\"holder_name\":\"Grace Hopper\"}}";
        String id = Api.seeded().body(body).post("/api/v1/payments").then().statusCode(201).extract().path("id");
        // a declined one and an invalid one too
        String declined = Api.seeded().body(body.replace(PAN, "4000000000000002")).post("/api/v1/payments").then()
                .statusCode(402).extract().path("payment_id");
        Api.seeded().body(body.replace(PAN, "4242424242424241")).post("/api/v1/payments").then().statusCode(400);

        List<Map<String, Object>> tables = Db.query(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'",
                TestEnvironment.SCHEMA);
        for (Map<String, Object> t : tables) {
            String table = (String) t.get("table_name");
            long hits = ((Number) Db.one("SELECT count(*) AS n FROM " + table + " x WHERE x::text LIKE ? OR x::text LIKE ?",
                    "%" + PAN + "%", "%4000000000000002%").get("n")).longValue();
            assertEquals(0, hits, "card number found in " + table);
            // No "cvc" key anywhere; and the CVC's digits in no row about these payments (a word of three
            // digits elsewhere, in another test's amounts, is not this CVC; nor a timestamp's fraction, .987).
            List<Map<String, Object>> cvcRows = Db.query("SELECT x::text AS row FROM " + table + " x WHERE x::text ~ ?"
                    + " OR (x::text ~ ? AND (x::text LIKE ? OR x::text LIKE ?))", "\"cvc\"", "(^|[^.])\\m" + CVC + "\\M",
                    "%" + id + "%", "%" + declined + "%");
            long cvcHits = cvcRows.size();
            assertEquals(0, cvcHits, "CVC found in " + table + ": " + cvcRows);
        }
        Map<String, Object> row = Db.one("SELECT method_details::text AS d FROM payments WHERE id = ?", id);
        String details = (String) row.get("d");
        assertFalse(details.contains(PAN));
        org.junit.jupiter.api.Assertions.assertTrue(details.contains("\"last4\": \"4242\""), details);

        Path log = Path.of("target/quarkus.log");
        if (Files.exists(log)) {
            String text = Files.readString(log);
            assertFalse(text.contains(PAN), "card number in the log");
        }
    }
}
