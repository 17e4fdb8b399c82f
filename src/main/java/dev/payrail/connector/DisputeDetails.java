package dev.payrail.connector;

import java.time.Instant;
import java.util.Set;

/**
 * A provider's dispute as one of its events (or its API) reported it, in Payrail's terms. Every
 * field but {@code id} may be missing when the provider did not say.
 *
 * @param id              the provider's dispute id (unique per provider account)
 * @param status          one of {@link #STATUSES} (Stripe's dispute statuses), or {@code null}
 * @param reason          the provider's reason code, lower case
 * @param amount          the disputed amount in ISO minor units
 * @param currency        ISO 4217, upper case
 * @param evidenceDueBy   when evidence must be in
 * @param fundsWithdrawn  the amount taken from the merchant so far (minor units)
 * @param fundsReinstated the amount given back so far (minor units)
 */
public record DisputeDetails(String id, String status, String reason, Long amount, String currency,
        Instant evidenceDueBy, Long fundsWithdrawn, Long fundsReinstated) {

    public static final String WARNING_NEEDS_RESPONSE = "warning_needs_response";
    public static final String WARNING_UNDER_REVIEW = "warning_under_review";
    public static final String WARNING_CLOSED = "warning_closed";
    public static final String NEEDS_RESPONSE = "needs_response";
    public static final String UNDER_REVIEW = "under_review";
    public static final String WON = "won";
    public static final String LOST = "lost";

    public static final Set<String> STATUSES = Set.of(WARNING_NEEDS_RESPONSE, WARNING_UNDER_REVIEW, WARNING_CLOSED,
            NEEDS_RESPONSE, UNDER_REVIEW, WON, LOST);

    public static boolean isClosed(String status) {
        return WON.equals(status) || LOST.equals(status) || WARNING_CLOSED.equals(status);
    }
}
