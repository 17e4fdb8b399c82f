package dev.payrail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.payrail.config.ProductionSafety.Connector;

/** What a production start refuses, from plain inputs ({@link ProductionSafetyCheck} gathers the real ones). */
class ProductionSafetyTest {

    private static final Connector SIMULATOR = Connector.local("simulator", true);
    private static final Connector BANK_TRANSFER = Connector.local("bank_transfer", false);
    private static final Connector STRIPE = Connector.remote("stripe", Optional.of("https://api.stripe.com"));
    private static final Connector PAYPAL = Connector.remote("paypal", Optional.of("https://api-m.paypal.com"));

    private static ProductionSafety prod() {
        return ProductionSafety.forProfiles(List.of("prod")).connector(BANK_TRANSFER).connector(STRIPE).connector(PAYPAL);
    }

    private static void assertOnlyRefusal(ProductionSafety check, String expected) {
        List<String> refusals = check.refusals();
        assertEquals(1, refusals.size(), () -> "one refusal: " + refusals);
        assertEquals(expected, refusals.get(0));
    }

    @Test
    void aCleanProductionStartGoesAhead() {
        assertEquals(List.of(), prod().defaultOrder(List.of("stripe", "bank_transfer"))
                .setting("payrail.admin.token", "a-token-of-our-own").setting("payrail.credentials.keys.primary", "b3du")
                .refusals());
    }

    @Test
    void aFakeConnectorIsRefused() {
        assertOnlyRefusal(prod().connector(SIMULATOR), "Fake connector 'simulator' is present: this is the sandbox "
                + "flavour (built with -Psandbox), which runs only with -Dquarkus.profile=sandbox. Build production "
                + "without -Psandbox.");
    }

    @Test
    void aRoutingDefaultNamingAFakeConnectorIsRefused() {
        List<String> refusals = prod().connector(SIMULATOR).defaultOrder(List.of("simulator", "bank_transfer")).refusals();
        assertTrue(refusals.contains("payrail.routing.default-order (PAYRAIL_ROUTING_DEFAULT_ORDER) names fake "
                + "connector 'simulator': production must never route payments to a simulator."), refusals::toString);
    }

    @Test
    void aRoutingDefaultNamingAnUnknownConnectorIsRefused() {
        // the production flavour: no simulator bean, the old default still configured
        assertOnlyRefusal(prod().defaultOrder(List.of("simulator", "bank_transfer")),
                "payrail.routing.default-order (PAYRAIL_ROUTING_DEFAULT_ORDER) names unknown connector 'simulator'; "
                        + "known: bank_transfer,stripe,paypal.");
    }

    @Test
    void aRemoteConnectorWithoutBaseUrlIsRefused() {
        assertOnlyRefusal(ProductionSafety.forProfiles(List.of("prod")).connector(Connector.remote("stripe", Optional.empty())),
                "Connector 'stripe' has no base URL configured (quarkus.rest-client.stripe.url / PAYRAIL_STRIPE_BASE_URL): "
                        + "production never falls back to the local emulator.");
        assertOnlyRefusal(ProductionSafety.forProfiles(List.of("prod")).connector(Connector.remote("paypal", Optional.empty())),
                "Connector 'paypal' has no base URL configured (quarkus.rest-client.paypal.url / PAYPAL_API_URL): "
                        + "production never falls back to the local emulator.");
    }

    @Test
    void aRemoteConnectorPointingAtAnEmulatorIsRefused() {
        for (String url : List.of("http://localhost:8080/sandbox/stripe", "http://127.0.0.1:9000", "http://[::1]:8080/v1",
                "https://payrail.example.com/sandbox/stripe")) {
            assertOnlyRefusal(ProductionSafety.forProfiles(List.of("prod")).connector(Connector.remote("stripe", Optional.of(url))),
                    "Connector 'stripe' points at an emulator (" + url + "): set quarkus.rest-client.stripe.url / "
                            + "PAYRAIL_STRIPE_BASE_URL to the provider's API.");
        }
        assertOnlyRefusal(ProductionSafety.forProfiles(List.of("prod")).connector(Connector.remote("paypal", Optional.of("api-m.paypal.com"))),
                "Connector 'paypal' has a malformed base URL: api-m.paypal.com.");
    }

    @Test
    void committedSecretsAreRefused() {
        assertOnlyRefusal(prod().setting("payrail.simulator.webhook.secret", "simulator_webhook_secret_dev_only"),
                "payrail.simulator.webhook.secret holds the dev-only value committed to the repository: set a secret of your own.");
        assertOnlyRefusal(prod().setting("payrail.admin.token", "admin_dev_token"),
                "payrail.admin.token holds the dev-only value committed to the repository: set a secret of your own.");
        assertOnlyRefusal(prod().setting("payrail.credentials.keys.dev", "ZGV2LW9ubHktcHJvdmlkZXItY3JlZGVudGlhbC1rZXk="),
                "payrail.credentials.keys.dev holds the dev-only value committed to the repository: set a secret of your own.");
        assertOnlyRefusal(prod().setting("payrail.stripe.secret-key", "sk_test_payrail_sandbox"),
                "payrail.stripe.secret-key holds the dev-only value committed to the repository: set a secret of your own.");
        assertOnlyRefusal(prod().setting("payrail.paypal.client-secret", "payrail-sandbox-secret"),
                "payrail.paypal.client-secret holds the dev-only value committed to the repository: set a secret of your own.");
        assertOnlyRefusal(prod().setting("payrail.card.fingerprint-key", "dev-only-card-fingerprint-key-change-me"),
                "payrail.card.fingerprint-key holds the dev-only value committed to the repository: set a secret of your own.");
        assertOnlyRefusal(prod().setting("payrail.admin.token", "test-admin-token"),
                "payrail.admin.token holds the dev-only value committed to the repository: set a secret of your own.");
        assertOnlyRefusal(prod().setting("payrail.razorpay.key-secret", "payrail_sandbox_razorpay_key_secret"),
                "payrail.razorpay.key-secret holds the dev-only value committed to the repository: set a secret of your own.");
        assertOnlyRefusal(prod().setting("payrail.seed.api-secret", "secret_test_xyz789"),
                "payrail.seed.api-secret holds the dev-only value committed to the repository: set a secret of your own "
                        + "or turn seeding off (payrail.seed.enabled=false).");
        assertOnlyRefusal(prod().setting("payrail.braintree.private-key", "payrail_sandbox_braintree_private_key"),
                "payrail.braintree.private-key holds the dev-only value committed to the repository: set a secret of your own.");
    }

    @Test
    void braintreeMustCallBraintreesGatewayNeverTheEmulator() {
        assertOnlyRefusal(ProductionSafety.forProfiles(List.of("prod")).connector(Connector.remote("braintree",
                Optional.of("http://localhost:8080/sandbox/braintree"))),
                "Connector 'braintree' points at an emulator (http://localhost:8080/sandbox/braintree): set "
                        + "quarkus.rest-client.braintree.url / PAYRAIL_BRAINTREE_BASE_URL to the provider's API.");
        assertOnlyRefusal(ProductionSafety.forProfiles(List.of("prod")).connector(Connector.remote("braintree", Optional.empty())),
                "Connector 'braintree' has no base URL configured (quarkus.rest-client.braintree.url / "
                        + "PAYRAIL_BRAINTREE_BASE_URL): production never falls back to the local emulator.");
        assertEquals(List.of(), ProductionSafety.forProfiles(List.of("prod")).connector(Connector.remote("braintree",
                Optional.of("https://api.braintreegateway.com"))).refusals());
    }

    @Test
    void everyReasonIsReportedAtOnce() {
        List<String> refusals = ProductionSafety.forProfiles(List.of("prod")).connector(SIMULATOR)
                .connector(Connector.remote("stripe", Optional.empty())).defaultOrder(List.of("simulator"))
                .setting("payrail.stripe.secret-key", "sk_test_payrail_sandbox").refusals();
        assertEquals(4, refusals.size(), refusals::toString);
    }

    @Test
    void devTestAndSandboxProfilesAllowFakesEmulatorsAndCommittedSecrets() {
        for (String profile : List.of("dev", "test", "sandbox")) {
            assertEquals(List.of(), ProductionSafety.forProfiles(List.of(profile)).connector(SIMULATOR)
                    .connector(Connector.remote("stripe", Optional.empty())).defaultOrder(List.of("simulator", "bank_transfer"))
                    .setting("payrail.admin.token", "admin_dev_token").refusals());
        }
        // any profile that is not one of them is production for the check (staging, a typo, ...)
        assertEquals(1, ProductionSafety.forProfiles(List.of("staging")).connector(SIMULATOR).refusals().size());
    }

    private static final Pattern DEFAULT = Pattern.compile("^\\$\\{[A-Z0-9_]+:(.*)}$");

    /**
     * Every value application.properties commits for a secret setting (literally or as the default
     * of an environment variable), in any profile a deployment could run — the test profile aside,
     * which is a sandbox profile — is one the check knows, so a new committed default cannot slip
     * into production unnoticed.
     */
    @Test
    void everyCommittedSecretOfApplicationPropertiesIsKnown() throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            p.load(in);
        }
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (String key : p.stringPropertyNames()) {
            String name = key;
            if (key.startsWith("%")) {
                String profiles = key.substring(1, key.indexOf('.'));
                if (List.of(profiles.split(",")).equals(List.of("test"))) {
                    continue;
                }
                name = key.substring(key.indexOf('.') + 1);
            }
            boolean credentialKey = name.startsWith(ProductionSafety.CREDENTIAL_KEYS);
            if (!credentialKey && !ProductionSafety.COMMITTED_SECRETS.containsKey(name)) {
                continue;
            }
            String value = p.getProperty(key).trim();
            Matcher m = DEFAULT.matcher(value);
            if (m.matches()) {
                value = m.group(1);
            }
            if (value.isEmpty() || value.startsWith("${")) {
                continue; // no committed value: an environment variable or another setting
            }
            checked++;
            boolean known = credentialKey ? ProductionSafety.COMMITTED_CREDENTIAL_KEYS.contains(value)
                    : ProductionSafety.COMMITTED_SECRETS.get(name).contains(value);
            if (!known) {
                unknown.add(key + "=" + value);
            }
        }
        assertEquals(List.of(), unknown, "committed secrets the production check does not know");
        assertTrue(checked >= 10, "the scan found the committed secrets: " + checked);
    }
}
