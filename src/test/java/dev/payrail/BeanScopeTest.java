package dev.payrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Beans are {@code @Singleton}: injected as themselves, with no client proxy. An
 * {@code @ApplicationScoped} bean is reached through a proxy that looks the instance up in its
 * context on every call; on the payment path that was 7.5 % of the gateway's samples (JFR, bench run
 * {@code 20261203T185919Z}), a few lookups per bean per request.
 *
 * <p>Classes holding {@code @ServerRequestFilter}/{@code @ServerResponseFilter} methods state no scope (and are
 * not scanned for one): Quarkus REST creates its filters while it deploys, before the runtime configuration
 * exists, and the proxy it gives them defers that to their first request.
 *
 * <p>{@link #PROXIED} lists the beans that keep a normal scope, each with its reason.
 */
class BeanScopeTest {

    /** Beans that need a client proxy: file (relative to its source root) → why. */
    static final Map<String, String> PROXIED = Map.of(
            "dev/payrail/webhook/HostResolver.java", "SsrfGuardTest replaces it with QuarkusMock, which needs a normal scope",
            "dev/payrail/connector/ConnectorRegistry.java", "it creates every connector when it is created, and connectors"
                    + " need ProviderAccounts, which needs the registry: the proxy defers that until the registry's first use",
            "dev/payrail/provider/CredentialCipher.java", "it refuses a malformed key when it is created; the proxy defers"
                    + " that to its first use, after ProductionSafetyCheck (which creates every connector) has said all it refuses");

    private static final Pattern APPLICATION_SCOPED = Pattern.compile("^@ApplicationScoped\\b", Pattern.MULTILINE);

    @Test
    void beansAreSingletonsUnlessTheyNeedAProxy() throws IOException {
        List<String> scanned = new ArrayList<>();
        List<String> offenders = new ArrayList<>();
        forEachSource((relative, code) -> {
            scanned.add(relative);
            if (APPLICATION_SCOPED.matcher(code).find() && !PROXIED.containsKey(relative)) {
                offenders.add(relative + ": @ApplicationScoped (use @Singleton, or list it in PROXIED with a reason)");
            }
        });
        assertTrue(scanned.size() > 300, "the scan found the sources: " + scanned.size());
        assertEquals(List.of(), offenders);
    }

    @Test
    void everyProxiedBeanStillExistsAndIsApplicationScoped() throws IOException {
        List<String> seen = new ArrayList<>();
        forEachSource((relative, code) -> {
            if (PROXIED.containsKey(relative) && APPLICATION_SCOPED.matcher(code).find()) {
                seen.add(relative);
            }
        });
        assertEquals(Set.copyOf(PROXIED.keySet()), Set.copyOf(seen));
    }

    private interface SourceVisitor {
        void visit(String relative, String code) throws IOException;
    }

    private static void forEachSource(SourceVisitor visitor) throws IOException {
        for (Path root : ArchitectureTest.sourceRoots()) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    visitor.visit(root.relativize(file).toString().replace('\\', '/'), Files.readString(file));
                }
            }
        }
    }
}
