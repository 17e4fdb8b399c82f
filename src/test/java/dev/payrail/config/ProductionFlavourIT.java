package dev.payrail.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.TestEnvironment;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The production flavour, as packaged by the default build ({@code ./mvnw verify}, no
 * {@code -Psandbox}) and started in its {@code prod} profile: it carries no fake provider and no
 * emulator, routes nothing by default, and refuses to start with an emulator URL or a committed
 * secret.
 */
@QuarkusIntegrationTest
class ProductionFlavourIT {

    private static final Path CLASSES = Path.of("target/classes");
    private static final Path APP_JARS = Path.of("target/quarkus-app/app");
    private static final Path RUNNER = Path.of("target/quarkus-app/quarkus-run.jar");

    /** A class of a fake provider (empty directories a previous -Psandbox build left behind are no class). */
    private static boolean fake(String entry) {
        return entry.endsWith(".class") && (entry.startsWith("dev/payrail/sandbox/")
                || entry.startsWith("dev/payrail/connector/simulator/") || entry.contains("Simulator")
                || entry.contains("Sandbox"));
    }

    @Test
    void theBuildOutputHoldsNoFakeProviderOrEmulator() throws IOException {
        List<String> classes;
        try (Stream<Path> files = Files.walk(CLASSES)) {
            classes = files.map(p -> CLASSES.relativize(p).toString().replace('\\', '/')).toList();
        }
        assertTrue(classes.contains("dev/payrail/connector/stripe/StripeConnector.class"), "the scan sees the classes");
        assertEquals(List.of(), classes.stream().filter(ProductionFlavourIT::fake).toList());
    }

    @Test
    void thePackagedJarHoldsNoFakeProviderOrEmulator() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(APP_JARS), "the jar packaging (not -Dnative)");
        List<String> entries = new ArrayList<>();
        try (Stream<Path> jars = Files.list(APP_JARS)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (JarFile f = new JarFile(jar.toFile())) {
                    f.stream().forEach(e -> entries.add(e.getName()));
                }
            }
        }
        assertTrue(entries.contains("dev/payrail/connector/stripe/StripeConnector.class"), "the scan sees the jar");
        assertEquals(List.of(), entries.stream().filter(ProductionFlavourIT::fake).toList());
    }

    @Test
    void anExplicitSimulatorIsAnUnknownProvider() {
        Api.seeded().body("{\"amount\":700,\"currency\":\"USD\",\"method\":\"card\",\"provider\":\"simulator\",\"card\":"
                + Bodies.card("4242424242424242") + "}").post("/api/v1/payments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("BAD_REQUEST_ERROR")).body("param", equalTo("provider"))
                .body("detail", equalTo("Unknown provider: simulator."));
    }

    @Test
    void withoutProviderAccountsNothingIsRoutedByDefault() {
        Api.seeded().body(Bodies.cardPayment(700, "USD", "4242424242424242", "automatic")).post("/api/v1/payments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("No enabled provider takes card payments of this currency and amount."));
        Api.seeded().get("/api/v1/providers").then().statusCode(200)
                .body("data.provider", hasItem("stripe")).body("data.provider", not(hasItem("simulator")))
                .body("data.findAll { it.default_route }", empty())
                // enabled: a payment naming it is sent; only bank transfers need no provider account
                .body("data.findAll { it.enabled }.provider", equalTo(java.util.List.of("bank_transfer")));
    }

    @Test
    void emulatorAndSimulatorPathsDoNotExist() {
        given().auth().preemptive().basic("payrail-sandbox-client", "payrail-sandbox-secret")
                .formParam("grant_type", "client_credentials").post("/sandbox/paypal/v1/oauth2/token")
                .then().statusCode(404);
        given().header("Authorization", "Bearer sk_test_payrail_sandbox").get("/sandbox/stripe/v1/payment_intents/pi_x")
                .then().statusCode(404);
        given().get("/simulator/challenge/pay_x?token=t").then().statusCode(404);
        given().contentType("application/json").body("{\"type\":\"payment.captured\",\"reference\":\"sim_x\"}")
                .post("/simulator/webhooks").then().statusCode(404);
    }

    /**
     * The packaged jar started as production with an emulator URL and committed secrets (the seeded
     * merchant's included, seeding on): it exits before serving anything and names every reason.
     */
    @Test
    void theProductionJarRefusesEmulatorUrlsAndCommittedSecrets() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(RUNNER), "the jar packaging (not -Dnative)");
        String jdbc = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url", String.class)
                .orElse("jdbc:postgresql://127.0.0.1:5432/test");
        Path log = Files.createTempFile("payrail-refused", ".log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Dquarkus.flyway.migrate-at-start=false",
                "-Dquarkus.log.console.json.enabled=false",
                "-Dquarkus.datasource.jdbc.url=" + jdbc,
                "-Dquarkus.datasource.reactive.url=" + jdbc.substring("jdbc:".length()),
                "-Dpayrail.db.schema=" + TestEnvironment.SCHEMA,
                "-Dpayrail.card.fingerprint-key=dev-only-card-fingerprint-key-change-me",
                "-Dpayrail.credentials.keys.primary=b3duLWtleS1vZi10aGlzLXJ1bi0zMi1ieXRlcy1sb25n",
                "-Dpayrail.webhook.secret-key=b3duLXdlYmhvb2sta2V5LW9mLXRoaXMtcnVuLTMyYnl0",
                "-Dpayrail.admin.token=admin_dev_token",
                "-Dpayrail.seed.enabled=true",
                "-Dquarkus.rest-client.stripe.url=http://localhost:8080/sandbox/stripe",
                "-jar", RUNNER.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the refused start ends");
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertFalse(p.exitValue() == 0, "exit status");
            assertFalse(out.contains("Listening on"), out);
            for (String reason : List.of("Payrail refuses to start in profile prod:",
                    "Connector 'stripe' points at an emulator (http://localhost:8080/sandbox/stripe)",
                    "payrail.admin.token holds the dev-only value committed to the repository",
                    "payrail.card.fingerprint-key holds the dev-only value committed to the repository",
                    "payrail.seed.api-secret holds the dev-only value committed to the repository")) {
                assertTrue(out.contains(reason), () -> "missing \"" + reason + "\" in:\n" + out);
            }
            assertFalse(out.contains("Connector 'paypal'"), "PayPal's production URL is fine");
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
