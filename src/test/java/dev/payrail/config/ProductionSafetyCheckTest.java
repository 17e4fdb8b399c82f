package dev.payrail.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The start-up check on this application's real beans and configuration: the test profile (a
 * sandbox profile, with the simulator, emulator URLs and committed secrets) starts; the very
 * same application started as production is refused for each of those reasons (the Stripe and PayPal
 * clients' {@code quarkus.rest-client.*.url} name the emulators on this server's port).
 */
@QuarkusTest
class ProductionSafetyCheckTest {

    @Inject
    ProductionSafetyCheck check;

    @Test
    void theTestProfileStarts() {
        assertDoesNotThrow(() -> check.refuseUnsafe(List.of("test")));
    }

    @Test
    void theSameApplicationAsProductionIsRefusedForEveryReason() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> check.refuseUnsafe(List.of("prod")));
        String m = e.getMessage();
        assertTrue(m.startsWith("Payrail refuses to start in profile prod:\n - "), m);
        for (String reason : List.of(
                "Fake connector 'simulator' is present",
                "payrail.routing.default-order (PAYRAIL_ROUTING_DEFAULT_ORDER) names fake connector 'simulator'",
                "Connector 'stripe' points at an emulator (http://localhost:",
                "Connector 'paypal' points at an emulator (http://localhost:",
                "payrail.simulator.webhook.secret holds the dev-only value",
                "payrail.stripe.secret-key holds the dev-only value",
                "payrail.stripe.webhook-secret holds the dev-only value",
                "payrail.paypal.client-id holds the dev-only value",
                "payrail.credentials.keys.dev holds the dev-only value",
                "Connector 'wechat_pay' points at an emulator (http://localhost:",
                "payrail.wechatpay.private-key holds the dev-only value",
                "payrail.wechatpay.api-v3-key holds the dev-only value")) {
            assertTrue(m.contains(reason), () -> "missing \"" + reason + "\" in:\n" + m);
        }
    }
}
