package dev.payrail.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** What {@link Json#write} makes is what the event statements store: {@code $n::text::jsonb} in PostgreSQL. */
@QuarkusTest
class JsonTest {

    @Inject
    Json json;
    @Inject
    Pool pool;

    private String storedAsJsonb(String text) {
        return pool.preparedQuery("SELECT $1::text::jsonb ->> 'd'").execute(Tuple.of(text))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getString(0);
    }

    @Test
    void aLoneSurrogateIsStoredAsAQuestionMarkInsteadOfFailingTheWrite() {
        // The API refuses lone surrogates (TextGuard); a value from elsewhere must still not fail the payment's
        // write: PostgreSQL refuses the Unicode escape that a byte writer would make of it.
        String text = json.write(Map.of("d", "ab\uD800c"));
        assertEquals("ab?c", storedAsJsonb(text));
    }

    @Test
    void textOutsideAsciiIsStoredAsWritten() {
        assertEquals("Café 東京 \uD83D\uDE00", storedAsJsonb(json.write(Map.of("d", "Café 東京 \uD83D\uDE00"))));
    }
}
