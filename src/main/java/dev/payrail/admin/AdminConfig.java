package dev.payrail.admin;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "payrail.admin")
public interface AdminConfig {

    /**
     * Bearer token for {@code /admin/v1}. There is no default in prod: without a token the admin
     * API answers {@code 404} to everything.
     */
    Optional<String> token();
}
