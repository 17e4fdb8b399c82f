package dev.payrail.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * What bounds a request head that arrives slowly (docs/operations.md "Slow clients"). Vert.x reads
 * the head before any handler of Payrail runs and Quarkus 3.34 offers no hook to time it, so the
 * only bound is {@code quarkus.http.idle-timeout}: the longest gap between two bytes of the head.
 * Here the idle timeout is 3 s (60 s in production) to keep the test short.
 */
@QuarkusTest
@TestProfile(SlowHeadersTest.ShortIdleTimeout.class)
class SlowHeadersTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "3s");
        }
    }

    @Test
    void aHeadThatStopsArrivingIsClosedAfterTheIdleTimeout() throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (SocketException reset) {
                read = -1;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(-1, read, "closed without an answer (nobody is waiting for one)");
            assertTrue(millis >= 2_500 && millis < 9_000, "closed after " + millis + " ms, idle timeout 3 s");
        }
    }

    @Test
    void theIdleTimeoutBoundsTheGapBetweenHeadBytesNotTheirTotal() throws Exception {
        long start = System.nanoTime();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // one header line a second for five seconds: each gap under the 3 s idle timeout, the whole
            // head well over it
            for (int i = 0; i < 5; i++) {
                Thread.sleep(1_000);
                out.write(("X-Drip-" + i + ": " + i + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            out.write("Connection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(millis > 4_500, "the head took " + millis + " ms, longer than the idle timeout, and was served");
        }
    }
}
