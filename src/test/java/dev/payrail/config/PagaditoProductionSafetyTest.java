package dev.payrail.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.connector.pagadito.PagaditoConnector;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Pagadito in production: the emulator URL and the committed sandbox {@code wsk} of the test
 * profile are refused; Pagadito's own endpoint is not, and the sandbox account is not configured.
 */
@QuarkusTest
class PagaditoProductionSafetyTest {

    @Inject
    ProductionSafetyCheck check;
    @Inject
    PagaditoConnector connector;

    @Test
    void theEmulatorAndTheSandboxWskAreRefusedInProduction() {
        List<String> refusals = check.inspect(List.of("prod")).refusals();
        assertTrue(refusals.stream().anyMatch(r -> r.startsWith("Connector 'pagadito' points at an emulator")),
                refusals.toString());
        assertTrue(refusals.stream().anyMatch(r -> r.startsWith("payrail.pagadito.wsk holds the dev-only value")),
                refusals.toString());
        assertTrue(connector.hasPlatformAccount(), "the sandbox account exists in the test profile");
    }

    @Test
    void pagaditosOwnEndpointIsAccepted() {
        for (String url : List.of("https://comercios.pagadito.com", "https://gt-comercios.pagadito.com")) {
            List<String> refusals = ProductionSafety.forProfiles(List.of("prod"))
                    .connector(ProductionSafety.Connector.remote(PagaditoConnector.NAME, Optional.of(url))).refusals();
            assertFalse(refusals.stream().anyMatch(r -> r.contains("'pagadito'")), url + ": " + refusals);
        }
        List<String> none = ProductionSafety.forProfiles(List.of("prod"))
                .connector(ProductionSafety.Connector.remote(PagaditoConnector.NAME, Optional.empty())).refusals();
        assertTrue(none.stream().anyMatch(r -> r.contains("'pagadito'")), "a base URL is required: " + none);
    }
}
