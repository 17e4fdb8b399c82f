package dev.payrail.payment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.payrail.merchant.ThreeDSecureSettings;

/**
 * A card payment's {@code three_d_secure}: what Payrail decided before the provider call and what became of
 * the authentication. {@code requested}: Payrail asked the provider to authenticate; {@code reason}:
 * {@code always}, {@code threshold}, {@code off_session}, {@code never} or {@code null} (the provider decides);
 * {@code status}: {@code requested} / {@code not_requested} until the provider answers, then
 * {@code pending} (the payer was sent to a challenge), {@code authenticated}, {@code failed} (the payer
 * failed the challenge), {@code abandoned} (the payer never came back: the payment expired),
 * {@code canceled} (the payment was cancelled during the challenge) or {@code not_performed} (the
 * provider answered without a challenge, including a refusal with {@code authentication_required});
 * {@code version}: the 3-D Secure protocol version when the flow knows it; {@code liability_shift}: the
 * issuer bears fraud chargebacks (only after {@code authenticated}).
 */
final class ThreeDSecure {

    /** The payment's error code when the provider insists on authentication that may not be played. */
    static final String AUTHENTICATION_REQUIRED = "authentication_required";
    private static final Set<String> AUTHENTICATION_FAILED = Set.of("authentication_failed",
            "payment_intent_authentication_failure");
    private static final Set<String> OPEN = Set.of("requested", "not_requested", "pending");

    private ThreeDSecure() {
    }

    /**
     * The first value, written with the payment: Payrail's decision and why. A member without a value ({@code reason}
     * when the provider decides, {@code version} until one is known) is left out, as the column and every JSON
     * Payrail writes leave it out ({@code quarkus.jackson.serialization-inclusion=non_null}).
     */
    static Map<String, Object> decided(ThreeDSecureSettings.Decision decision, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requested", decision == ThreeDSecureSettings.Decision.CHALLENGE);
        if (reason != null) {
            m.put("reason", reason);
        }
        m.put("status", decision == ThreeDSecureSettings.Decision.CHALLENGE ? "requested" : "not_requested");
        m.put("liability_shift", false);
        return m;
    }

    /** The decision stored on {@code p} ({@link ThreeDSecureSettings.Decision#AUTOMATIC} when none was). */
    static ThreeDSecureSettings.Decision decisionOf(Payment p) {
        Map<String, Object> m = p.threeDSecure();
        if (m == null) {
            return ThreeDSecureSettings.Decision.AUTOMATIC;
        }
        if (Boolean.TRUE.equals(m.get("requested"))) {
            return ThreeDSecureSettings.Decision.CHALLENGE;
        }
        return "off_session".equals(m.get("reason")) || "never".equals(m.get("reason"))
                ? ThreeDSecureSettings.Decision.REFUSE : ThreeDSecureSettings.Decision.AUTOMATIC;
    }

    /** Whether a challenge may be played for {@code p} (not off-session, not mode never). */
    static boolean mayChallenge(Payment p) {
        return decisionOf(p) != ThreeDSecureSettings.Decision.REFUSE;
    }

    /** {@code three_d_secure} once {@code before} moves to {@code status}; unchanged once final. */
    static Map<String, Object> after(Payment before, PaymentStatus status, String errorCode, String declineCode,
            String version) {
        Map<String, Object> m = before.threeDSecure();
        if (m == null || !OPEN.contains(String.valueOf(m.get("status"))) || status == before.status()) {
            return m;
        }
        boolean challenged = "pending".equals(m.get("status"));
        String next = switch (status) {
            case REQUIRES_ACTION -> "pending";
            case AUTHORIZED, CAPTURED, PARTIALLY_REFUNDED, REFUNDED -> challenged ? "authenticated" : "not_performed";
            case FAILED -> !challenged ? "not_performed"
                    : PayerExpiry.ERROR_CODE.equals(errorCode) ? "abandoned"
                    : AUTHENTICATION_FAILED.contains(errorCode) || AUTHENTICATION_FAILED.contains(declineCode) ? "failed"
                    : "authenticated";
            case CANCELLED -> challenged ? "canceled" : "not_performed";
            default -> null;
        };
        if (next == null) {
            return m;
        }
        Map<String, Object> out = new LinkedHashMap<>(m);
        out.put("status", next);
        if (version != null) {
            out.put("version", version);
        }
        out.put("liability_shift", "authenticated".equals(next));
        return out;
    }
}
