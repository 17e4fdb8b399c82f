package dev.payrail.connector.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.payrail.config.ProductionSafety;
import dev.payrail.config.ProductionSafety.Connector;

/** Production refuses the Alipay emulator and the committed sandbox app key, like every connector's. */
class AlipayProductionSafetyTest {

    private static List<String> prod(Connector alipay) {
        return ProductionSafety.forProfiles(List.of("prod")).connector(alipay).refusals();
    }

    @Test
    void theEmulatorOrNoGatewayIsRefusedInProduction() {
        List<String> local = prod(Connector.remote("alipay", Optional.of("http://localhost:8080/sandbox/alipay")));
        assertEquals(1, local.size(), local.toString());
        assertTrue(local.get(0).contains("PAYRAIL_ALIPAY_BASE_URL"), local.get(0));
        assertEquals(1, prod(Connector.remote("alipay", Optional.empty())).size());
        assertEquals(List.of(), prod(Connector.remote("alipay", Optional.of("https://openapi.alipay.com"))));
        assertEquals(List.of(), ProductionSafety.forProfiles(List.of("sandbox"))
                .connector(Connector.remote("alipay", Optional.of("http://localhost:8080/sandbox/alipay"))).refusals());
    }

    @Test
    void theCommittedSandboxAppKeyIsRefusedInProduction() throws Exception {
        String committed = Files.readAllLines(Path.of("src/main/resources/application.properties")).stream()
                .filter(l -> l.startsWith("%dev,test,sandbox.payrail.alipay.private-key="))
                .map(l -> l.substring(l.indexOf('=') + 1)).findFirst().orElseThrow();
        List<String> refusals = ProductionSafety.forProfiles(List.of("prod"))
                .setting("payrail.alipay.private-key", committed).refusals();
        assertEquals(1, refusals.size(), refusals.toString());
        assertTrue(refusals.get(0).startsWith("payrail.alipay.private-key"), refusals.get(0));
        assertEquals(List.of(), ProductionSafety.forProfiles(List.of("prod"))
                .setting("payrail.alipay.private-key", AlipayTestKeys.generate().privateKey()).refusals());
    }
}
