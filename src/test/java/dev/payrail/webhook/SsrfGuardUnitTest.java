package dev.payrail.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The guard's parsing and ranges without Quarkus. */
class SsrfGuardUnitTest {

    static SsrfGuard guard(boolean loopback, List<String> cidrs) {
        WebhookConfig config = (WebhookConfig) java.lang.reflect.Proxy.newProxyInstance(
                WebhookConfig.class.getClassLoader(), new Class<?>[] { WebhookConfig.class }, (p, m, a) -> switch (m.getName()) {
                    case "allowLoopback" -> loopback;
                    case "allowCidrs" -> Optional.of(cidrs);
                    case "timeout" -> Duration.ofSeconds(10);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return new SsrfGuard(new FakeHostResolver(), config);
    }

    @Test
    void literalFormsAreRefusedWithoutAnAllowList() {
        SsrfGuard g = guard(false, List.of());
        for (String url : SsrfGuardTest.REFUSED) {
            if (url.contains(".example.com") && !url.contains("@") && !url.startsWith("ftp") && !url.startsWith("gopher")) {
                continue; // names: refused after resolution (Quarkus test)
            }
            assertThrows(SsrfGuard.RefusedException.class, () -> g.parse(url), url);
        }
    }

    @Test
    void theAllowListOpensLoopbackAndNamedRangesOnly() throws Exception {
        SsrfGuard g = guard(true, List.of("10.20.0.0/16"));
        assertDoesNotThrow(() -> g.parse("http://127.0.0.1:8080/x"));
        assertDoesNotThrow(() -> g.parse("http://localhost:8080/x"));
        assertDoesNotThrow(() -> g.parse("http://[::1]:8080/x"));
        assertDoesNotThrow(() -> g.parse("http://10.20.3.4/x"));
        assertThrows(SsrfGuard.RefusedException.class, () -> g.parse("http://10.21.3.4/x"));
        assertThrows(SsrfGuard.RefusedException.class, () -> g.parse("http://2130706433/x"));
        assertThrows(SsrfGuard.RefusedException.class, () -> g.parse("http://[::ffff:127.0.0.1]/x"));
        assertThrows(SsrfGuard.RefusedException.class, () -> g.requireAllowed(InetAddress.getByName("192.168.0.1"), "h"));
    }

    @Test
    void urlPartsAreKeptForTheRequest() {
        var p = guard(false, List.of()).parse("https://Hooks.Example.com/a/b?c=d");
        assertEquals("hooks.example.com", p.host());
        assertEquals(443, p.port());
        assertEquals("/a/b?c=d", p.requestUri());
    }
}
