package dev.payrail.config;

import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;

/**
 * The schema Payrail keeps its tables in ({@code PAYRAIL_DB_SCHEMA}, in dev and sandbox derived from
 * {@code PAYRAIL_INSTANCE}). Checked when the configuration loads, before Flyway runs: it becomes an
 * unquoted name in the connections' {@code search_path}, where PostgreSQL folds capitals (Flyway,
 * quoting it, would create another schema) and refuses other characters.
 */
@ConfigMapping(prefix = "payrail.db")
public interface DbConfig {

    @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}", message = "must be lower-case letters, digits and _ (at most 63, not "
            + "starting with a digit); in dev and sandbox it is payrail_<PAYRAIL_INSTANCE>, so choose such an instance name")
    String schema();
}
