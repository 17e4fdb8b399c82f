package dev.payrail.merchant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Body of {@code PUT /admin/v1/merchants/{id}/rate-limit}: both fields set an override, both
 * {@code null} (or a {@code null} body) reset the merchant to the configured default.
 */
public record RateLimitOverrideRequest(
        @Min(1) @Max(1_000_000) Integer perSecond,
        @Min(1) @Max(10_000_000) Integer burst) {
}
