package dev.payrail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * One setting, {@code PAYRAIL_INSTANCE}, keeps two dev or sandbox processes on one machine apart:
 * it derives the schema, the Redis key prefix and the seeded merchant together, from the real
 * application.properties.
 */
class InstanceConfigTest {

    @Test
    void oneInstanceNameChangesSchemaRedisPrefixAndSeedTogether() throws IOException {
        SmallRyeConfig b = config("sandbox", Map.of("PAYRAIL_INSTANCE", "b"));
        assertEquals("payrail_b", b.getValue("payrail.db.schema", String.class));
        assertEquals("payrail_b", b.getValue("quarkus.flyway.schemas", String.class));
        assertEquals("payrail_b", b.getValue("quarkus.datasource.reactive.additional-properties.search_path", String.class));
        assertEquals("payrail:b:", b.getValue("payrail.redis.prefix", String.class));
        assertEquals("Test Merchant (b)", b.getValue("payrail.seed.name", String.class));

        SmallRyeConfig c = config("dev", Map.of("PAYRAIL_INSTANCE", "c"));
        assertEquals("payrail_c", c.getValue("payrail.db.schema", String.class));
        assertEquals("payrail:c:", c.getValue("payrail.redis.prefix", String.class));
        assertEquals("Test Merchant (c)", c.getValue("payrail.seed.name", String.class));
    }

    @Test
    void withoutAnInstanceEachProfileKeepsItsOwnSchemaAndPrefix() throws IOException {
        SmallRyeConfig sandbox = config("sandbox", Map.of());
        assertEquals("payrail_sandbox", sandbox.getValue("payrail.db.schema", String.class));
        assertEquals("payrail:sandbox:", sandbox.getValue("payrail.redis.prefix", String.class));
        SmallRyeConfig dev = config("dev", Map.of());
        assertEquals("payrail_dev", dev.getValue("payrail.db.schema", String.class));
        assertEquals("payrail:dev:", dev.getValue("payrail.redis.prefix", String.class));
        // production names its schema and prefix itself; an instance name does not move them
        SmallRyeConfig prod = config("prod", Map.of("PAYRAIL_INSTANCE", "b"));
        assertEquals("payrail", prod.getValue("payrail.db.schema", String.class));
        assertEquals("payrail:", prod.getValue("payrail.redis.prefix", String.class));
    }

    @Test
    void anExplicitSettingStillOverridesItsOnePart() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("PAYRAIL_INSTANCE", "b");
        env.put("PAYRAIL_DB_SCHEMA", "shared_schema");
        SmallRyeConfig config = config("sandbox", env);
        assertEquals("shared_schema", config.getValue("payrail.db.schema", String.class));
        assertEquals("payrail:b:", config.getValue("payrail.redis.prefix", String.class));
    }

    @Test
    void anInstanceNameThatCannotBeASchemaStopsTheStart() throws IOException {
        for (String bad : java.util.List.of("my-box", "Box", "b c", "über")) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(io.smallrye.config.ConfigValidationException.class,
                    () -> validated("sandbox", Map.of("PAYRAIL_INSTANCE", bad)), bad);
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("payrail.db.schema"), e.getMessage());
        }
        assertEquals("payrail_team_2", validated("sandbox", Map.of("PAYRAIL_INSTANCE", "team_2")).getConfigMapping(DbConfig.class)
                .schema());
        assertEquals("payrail", validated("prod", Map.of()).getConfigMapping(DbConfig.class).schema());
    }

    /** As Quarkus loads it: with the {@link DbConfig} mapping and Bean Validation of its constraints. */
    private static SmallRyeConfig validated(String profile, Map<String, String> env) throws IOException {
        URL properties = InstanceConfigTest.class.getClassLoader().getResource("application.properties");
        jakarta.validation.Validator validator = jakarta.validation.Validation.byProvider(org.hibernate.validator.HibernateValidator.class)
                .configure().messageInterpolator(new org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator();
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new PropertiesConfigSource(env, "environment", 300))
                .withMapping(DbConfig.class)
                .withValidator((io.smallrye.config.validator.BeanValidationConfigValidator) () -> validator)
                .build();
    }

    private static SmallRyeConfig config(String profile, Map<String, String> env) throws IOException {
        URL properties = InstanceConfigTest.class.getClassLoader().getResource("application.properties");
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new PropertiesConfigSource(env, "environment", 300))
                .build();
    }
}
