package dev.payrail.merchant;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** 3-D Secure challenges ({@code payrail.three-d-secure.*}). */
@ConfigMapping(prefix = "payrail.three-d-secure")
public interface ThreeDSecureConfig {

    /**
     * How long a payer has to answer a card payment's 3-D Secure challenge at a provider without a payer
     * window of its own. Meanwhile the reconciler asks the provider about the payment (so an answer whose
     * notification was lost still settles it); afterwards the payer abandoned it: the provider's payment
     * is cancelled and the payment fails as {@code payment_expired} ({@code three_d_secure.status}
     * {@code abandoned}). Issuers' challenge pages time out after about 10 minutes.
     */
    @WithDefault("PT15M")
    Duration challengeWindow();

    /** The mode the seeded test merchant gets, once, when it has no rules ({@code payrail.seed.*}). */
    @WithDefault("threshold")
    String seedMode();

    /** The seeded test merchant's threshold in every currency, in minor units. */
    @WithDefault("3000")
    long seedThreshold();
}
