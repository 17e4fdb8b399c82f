package dev.payrail.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Guards the security and operability settings of the Kubernetes manifests in {@code k8s/}. Plain
 * JUnit: reads the YAML files; where {@code kubectl} is installed it also renders both overlays.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Set<String> SECRET_KEYS = Set.of("QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_REDIS_PASSWORD",
            "PAYRAIL_ADMIN_TOKEN", "PAYRAIL_CREDENTIALS_KEY", "PAYRAIL_CARD_FINGERPRINT_KEY",
            "PAYRAIL_WEBHOOK_SECRET_KEY");

    private static List<JsonNode> read(Path file) throws IOException {
        return readAll(Files.readString(file));
    }

    private static List<JsonNode> readAll(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isMissingNode() && !doc.isNull()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    private static JsonNode one(Path file) throws IOException {
        List<JsonNode> docs = read(file);
        assertEquals(1, docs.size(), file + " holds one document");
        return docs.get(0);
    }

    private static JsonNode container(JsonNode deployment) {
        for (JsonNode c : deployment.at("/spec/template/spec/containers")) {
            if ("payrail".equals(c.path("name").asText())) {
                return c;
            }
        }
        return MissingNode.getInstance();
    }

    @Test
    void deploymentRunsThreeReplicasWithoutLosingCapacityDuringRollouts() throws IOException {
        JsonNode d = one(K8S.resolve("base/deployment.yaml"));
        assertEquals(3, d.at("/spec/replicas").asInt());
        assertEquals("RollingUpdate", d.at("/spec/strategy/type").asText());
        assertEquals(0, d.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt(-1));
        assertTrue(d.at("/spec/template/spec/topologySpreadConstraints").findValuesAsText("topologyKey")
                .contains("topology.kubernetes.io/zone"), "spread across zones");
    }

    @Test
    void containerIsNonRootReadOnlyAndUnprivileged() throws IOException {
        JsonNode d = one(K8S.resolve("base/deployment.yaml"));
        JsonNode pod = d.at("/spec/template/spec");
        assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), "no service account token");
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        assertTrue(pod.at("/securityContext/runAsUser").asInt(0) > 0, "explicit non-zero uid");
        JsonNode sc = container(d).path("securityContext");
        assertTrue(sc.path("runAsNonRoot").asBoolean());
        assertTrue(sc.path("readOnlyRootFilesystem").asBoolean());
        assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true));
        assertEquals("ALL", sc.at("/capabilities/drop/0").asText());
        assertFalse(sc.path("privileged").asBoolean(false));

        String tmpVolume = null;
        for (JsonNode m : container(d).path("volumeMounts")) {
            if ("/tmp".equals(m.path("mountPath").asText())) {
                tmpVolume = m.path("name").asText();
            }
        }
        assertTrue(tmpVolume != null, "/tmp is mounted");
        boolean emptyDir = false;
        for (JsonNode v : pod.path("volumes")) {
            emptyDir |= v.path("name").asText().equals(tmpVolume) && v.has("emptyDir");
        }
        assertTrue(emptyDir, "/tmp is an emptyDir");
    }

    @Test
    void probesUseTheQuarkusHealthEndpoints() throws IOException {
        JsonNode c = container(one(K8S.resolve("base/deployment.yaml")));
        assertEquals("/q/health/ready", c.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/q/health/live", c.at("/livenessProbe/httpGet/path").asText());
        assertTrue(c.at("/startupProbe/httpGet/path").asText().startsWith("/q/health/"));
        assertEquals("http", c.at("/readinessProbe/httpGet/port").asText());
        assertEquals(8080, c.at("/ports/0/containerPort").asInt());
    }

    @Test
    void gracePeriodCoversShutdownDelayAndTimeout() throws IOException {
        JsonNode d = one(K8S.resolve("base/deployment.yaml"));
        int grace = d.at("/spec/template/spec/terminationGracePeriodSeconds").asInt();
        var props = new java.util.Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            props.load(in);
        }
        assertEquals("true", props.getProperty("quarkus.shutdown.delay-enabled"));
        int delay = seconds(props.getProperty("quarkus.shutdown.delay").replaceAll("\\$\\{[A-Z_]+:(.*)}", "$1"));
        int timeout = seconds(props.getProperty("quarkus.shutdown.timeout"));
        assertTrue(grace > delay + timeout, "grace " + grace + " > delay " + delay + " + timeout " + timeout);
        JsonNode config = one(K8S.resolve("base/configmap.yaml"));
        assertEquals(delay, seconds(config.at("/data/PAYRAIL_SHUTDOWN_DELAY").asText()));
    }

    private static int seconds(String duration) {
        assertTrue(duration.matches("\\d+s"), "duration in seconds: " + duration);
        return Integer.parseInt(duration.substring(0, duration.length() - 1));
    }

    @ParameterizedTest
    @ValueSource(strings = { "jvm", "native" })
    void overlaysSetCpuAndMemoryRequestsAndLimits(String overlay) throws IOException {
        JsonNode resources = container(one(K8S.resolve("overlays/" + overlay + "/deployment-patch.yaml")))
                .path("resources");
        for (String field : List.of("/requests/cpu", "/requests/memory", "/limits/cpu", "/limits/memory")) {
            assertFalse(resources.at(field).asText().isBlank(), overlay + " sets " + field);
        }
        assertEquals(resources.at("/requests/memory").asText(), resources.at("/limits/memory").asText(),
                overlay + ": memory request equals limit (no overcommit, no OOM-kill surprises)");
    }

    @Test
    void secretTemplateHoldsPlaceholdersOnlyAndIsNeverRendered() throws IOException {
        JsonNode secret = one(K8S.resolve("base/secret.template.yaml"));
        assertEquals("Secret", secret.path("kind").asText());
        assertFalse(secret.has("data"), "no base64 data in the template");
        Set<String> keys = new HashSet<>();
        secret.path("stringData").properties().forEach(e -> {
            keys.add(e.getKey());
            assertTrue(e.getValue().asText().matches("<[a-z0-9-]+>"), e.getKey() + " is a placeholder");
        });
        assertEquals(SECRET_KEYS, keys);
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path k : files.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).toList()) {
                assertFalse(Files.readString(k).lines().anyMatch(l -> !l.trim().startsWith("#") && l.contains("secret.template")),
                        k + " must not render the template");
            }
        }
    }

    @Test
    void secretsReachTheContainerOnlyThroughSecretRefs() throws IOException {
        JsonNode c = container(one(K8S.resolve("base/deployment.yaml")));
        Set<String> fromSecrets = new HashSet<>();
        for (JsonNode env : c.path("env")) {
            if (env.has("value")) {
                assertFalse(SECRET_KEYS.contains(env.path("name").asText()), env + " as a literal");
            }
            if (env.at("/valueFrom/secretKeyRef/name").asText().equals("payrail-secrets")) {
                fromSecrets.add(env.path("name").asText());
            }
        }
        assertEquals(SECRET_KEYS, fromSecrets);
        JsonNode config = one(K8S.resolve("base/configmap.yaml"));
        config.path("data").properties().forEach(e -> assertFalse(
                e.getKey().matches(".*(PASSWORD|TOKEN|SECRET|_KEY)$"), e.getKey() + " belongs in the Secret"));
    }

    /**
     * The deployment is the production flavour: nothing routes to a fake provider by default, the
     * real providers' APIs are configured (https, not an emulator), and no manifest names the
     * simulator, an emulator path or a dev/test/sandbox profile.
     */
    @Test
    void configRoutesToNoFakeProviderAndNamesTheRealProviderApis() throws IOException {
        JsonNode data = one(K8S.resolve("base/configmap.yaml")).path("data");
        assertTrue(data.has("PAYRAIL_ROUTING_DEFAULT_ORDER"), "the routing default is set explicitly");
        assertEquals("", data.path("PAYRAIL_ROUTING_DEFAULT_ORDER").asText(), "no provider for merchants without accounts");
        for (String key : List.of("PAYRAIL_STRIPE_BASE_URL", "PAYPAL_API_URL", "PAYRAIL_RAZORPAY_BASE_URL",
                "PAYRAIL_AIRWALLEX_BASE_URL", "PAYRAIL_BRAINTREE_BASE_URL")) {
            String url = data.path(key).asText();
            assertTrue(url.matches("https://api(-m)?\\.[a-z]+\\.com"), key + " is the provider's API: " + url);
        }
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String l = line.trim().toLowerCase(java.util.Locale.ROOT);
                    if (l.startsWith("#")) {
                        continue;
                    }
                    assertFalse(l.contains("simulator") || l.contains("/sandbox/") || l.contains("quarkus_profile")
                            || l.contains("quarkus.profile"), f + " configures a fake provider or profile: " + line);
                }
            }
        }
    }

    @Test
    void networkPolicyAllowsOnlyHttpInAndDatastoresDnsHttpsOut() throws IOException {
        JsonNode np = one(K8S.resolve("base/networkpolicy.yaml"));
        assertTrue(np.at("/spec/policyTypes").toString().contains("Ingress"));
        assertTrue(np.at("/spec/policyTypes").toString().contains("Egress"));
        assertEquals(List.of("http"), np.at("/spec/ingress").findValuesAsText("port"));
        Set<String> egressPorts = new HashSet<>(np.at("/spec/egress").findValuesAsText("port"));
        assertEquals(Set.of("5432", "6379", "53", "443"), egressPorts);
    }

    @ParameterizedTest
    @ValueSource(strings = { "jvm", "native" })
    void overlaysRenderWithKubectl(String overlay) throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl not installed");
        Process p = new ProcessBuilder("kubectl", "kustomize", K8S.resolve("overlays/" + overlay).toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        Set<String> kinds = new HashSet<>();
        JsonNode deployment = null;
        for (JsonNode doc : readAll(out)) {
            kinds.add(doc.path("kind").asText());
            if ("Deployment".equals(doc.path("kind").asText())) {
                deployment = doc;
            }
        }
        assertEquals(Set.of("ServiceAccount", "ConfigMap", "Service", "Deployment", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "NetworkPolicy"), kinds, "no Secret is rendered");
        JsonNode c = container(deployment);
        assertTrue(c.path("image").asText().contains("payrail-" + overlay));
        assertFalse(c.at("/resources/limits/memory").asText().isBlank());
        assertTrue(c.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        assertEquals("/q/health/ready", c.at("/readinessProbe/httpGet/path").asText());
    }

    @Test
    void optionalComponentsRenderAndWireTheDatabaseSecret() throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl not installed");
        Path dir = Path.of("target/kustomize-components");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [../../k8s/overlays/jvm]
                components: [../../k8s/components/servicemonitor, ../../k8s/components/datastores]
                """);
        Process p = new ProcessBuilder("kubectl", "kustomize", "--load-restrictor=LoadRestrictionsNone", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        Set<String> kinds = new HashSet<>();
        JsonNode deployment = null;
        for (JsonNode doc : readAll(out)) {
            kinds.add(doc.path("kind").asText());
            if ("Deployment".equals(doc.path("kind").asText())) {
                deployment = doc;
            }
        }
        assertTrue(kinds.containsAll(Set.of("ServiceMonitor", "Cluster", "StatefulSet")), kinds.toString());
        assertFalse(kinds.contains("Secret"), "no Secret is rendered");
        JsonNode password = MissingNode.getInstance();
        for (JsonNode env : container(deployment).path("env")) {
            if (env.path("name").asText().equals("QUARKUS_DATASOURCE_PASSWORD")) {
                password = env;
            }
        }
        assertEquals("payrail-db-app", password.at("/valueFrom/secretKeyRef/name").asText());
        assertEquals("password", password.at("/valueFrom/secretKeyRef/key").asText());
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
