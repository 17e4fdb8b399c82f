package dev.payrail.merchant;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.common.Ids;
import dev.payrail.support.Api;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/** A restart seeds only what is missing: settings someone changed survive the next seed. */
@QuarkusTest
class MerchantSeederTest {

    @Inject
    MerchantSeeder seeder;

    @Test
    void reseedingKeepsTheSettingsSomeoneChanged() {
        String key = "key_test_seed" + Ids.random(10);
        SeedConfig config = seed(key, "secret_test_seed_one", "Seeded Shop");
        assertTrue(seeder.seed(config).await().atMost(Duration.ofSeconds(10)), "the first seed creates the merchant");
        Map<String, Object> before = row(key);
        assertEquals("Seeded Shop", before.get("name"));

        Api.as(key, "secret_test_seed_one")
                .body("{\"url\":\"http://localhost:9911/hooks\",\"enabled_events\":[\"*\"]}")
                .put("/api/v1/webhook-endpoint").then().statusCode(200).body("url", equalTo("http://localhost:9911/hooks"));
        Api.as(key, "secret_test_seed_one").post("/api/v1/webhook-endpoint/rotate-secret").then().statusCode(200);
        Object rotatedSecret = row(key).get("webhook_secret");
        assertNotEquals(before.get("webhook_secret"), rotatedSecret);

        // the next start, with other configured values: nothing of the existing merchant changes
        SeedConfig restart = seed(key, "secret_test_seed_two", "Renamed By Config");
        assertFalse(seeder.seed(restart).await().atMost(Duration.ofSeconds(10)), "an existing merchant is not seeded");

        Map<String, Object> after = row(key);
        assertEquals("http://localhost:9911/hooks", after.get("webhook_url"), "the webhook URL set through the API stays");
        assertEquals("Seeded Shop", after.get("name"));
        assertEquals(before.get("id"), after.get("id"));
        assertEquals(before.get("api_secret_digest"), after.get("api_secret_digest"));
        Api.as(key, "secret_test_seed_one").get("/api/v1/webhook-endpoint").then().statusCode(200)
                .body("url", equalTo("http://localhost:9911/hooks"));
        Api.as(key, "secret_test_seed_two").get("/api/v1/webhook-endpoint").then().statusCode(401);
        assertEquals(rotatedSecret, after.get("webhook_secret"), "the rotated webhook secret stays");
    }

    private static Map<String, Object> row(String key) {
        return Db.query("SELECT id, name, webhook_url, webhook_secret, api_secret_digest FROM merchants WHERE api_key_id = ?", key).get(0);
    }

    private static SeedConfig seed(String key, String secret, String name) {
        return new SeedConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String email() {
                return "seed@example.com";
            }

            @Override
            public String apiKey() {
                return key;
            }

            @Override
            public String apiSecret() {
                return secret;
            }

            @Override
            public Optional<String> webhookUrl() {
                return Optional.of("https://configured.example/hooks");
            }

            @Override
            public Optional<String> webhookSecret() {
                return Optional.empty();
            }
        };
    }
}
