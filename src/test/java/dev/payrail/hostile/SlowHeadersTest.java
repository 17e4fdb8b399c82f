package dev.payrail.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * What bounds a request head that arrives slowly (docs/operations.md "Slow clients"). Nothing of
 * Payrail runs before a head is complete, and Quarkus offers no hook to time it; on HTTP/1.1 (the
 * only protocol of the plain listener, {@code PlainHttpOptions}) {@code quarkus.http.idle-timeout}
 * bounds the whole head, dripped or stalled, and the connection is closed without an answer. The idle
 * timeout is 3 s here (60 s in production) to keep the test short.
 */
@QuarkusTest
@TestProfile(SlowHeadersTest.ShortIdleTimeout.class)
class SlowHeadersTest {

    static final int IDLE_MS = 3_000;

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", IDLE_MS / 1000 + "s");
        }
    }

    @Test
    void aHeadThatStopsArrivingIsClosedAfterTheIdleTimeout() throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Drip drip = drip(socket, start, 0);
            assertEquals("", drip.answer(), "closed without an answer");
            assertTrue(drip.closedAfterMs() >= IDLE_MS - 500 && drip.closedAfterMs() < IDLE_MS + 3_000,
                    "closed after " + drip.closedAfterMs() + " ms");
        }
    }

    @Test
    void aHeadDrippedFasterThanTheIdleTimeoutIsStillCutOffAfterItInTotal() throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // a header line every 500 ms, for up to four times the idle timeout: each gap well under it
            Drip drip = drip(socket, start, 500);
            assertEquals("", drip.answer(), "closed without an answer");
            assertTrue(drip.linesSent() >= 4, "the drip went on for a while: " + drip.linesSent() + " lines");
            assertTrue(drip.closedAfterMs() >= IDLE_MS - 500 && drip.closedAfterMs() < IDLE_MS + 3_000,
                    "a head dripped every 500 ms was cut off after " + drip.closedAfterMs() + " ms");
        }
    }

    @Test
    void onAKeptAliveConnectionTheNextHeadIsBoundedFromThePreviousAnswer() throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String first = readOneAnswer(socket.getInputStream());
            assertTrue(first.startsWith("HTTP/1.1 200"), first);
            long start = System.nanoTime();
            out.write("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Drip drip = drip(socket, start, 500);
            assertEquals("", drip.answer(), "closed without an answer");
            assertTrue(drip.closedAfterMs() < IDLE_MS + 3_000, "cut off after " + drip.closedAfterMs() + " ms");
        }
    }

    @Test
    void cleartextHttp2IsNotOffered() throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(8_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = readOneAnswer(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 200"), "answered in HTTP/1.1, no 101 Switching Protocols: " + answer);
        }
    }

    /** What happened to a connection: the bytes it answered, when it closed, how many lines were dripped. */
    record Drip(String answer, long closedAfterMs, int linesSent) {
    }

    /**
     * Waits for the connection to close, writing one header line every {@code everyMs} (never, when 0),
     * for at most four idle timeouts.
     */
    static Drip drip(Socket socket, long startNanos, int everyMs) throws IOException {
        socket.setSoTimeout(everyMs > 0 ? everyMs : 4 * IDLE_MS);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        int lines = 0;
        while ((System.nanoTime() - startNanos) / 1_000_000 < 4 * IDLE_MS) {
            try {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                answer.write(b);
            } catch (SocketTimeoutException quiet) {
                try {
                    out.write(("X-Drip-" + lines + ": " + lines + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    lines++;
                } catch (SocketException closed) {
                    break;
                }
            } catch (SocketException reset) {
                break;
            }
        }
        return new Drip(answer.toString(StandardCharsets.ISO_8859_1), (System.nanoTime() - startNanos) / 1_000_000, lines);
    }

    /** Reads one answer with a Content-Length body (the health check's). */
    static String readOneAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int headEnd = -1;
        long length = -1;
        int b;
        while ((b = in.read()) >= 0) {
            bytes.write(b);
            String text = bytes.toString(StandardCharsets.ISO_8859_1);
            if (headEnd < 0 && text.endsWith("\r\n\r\n")) {
                headEnd = text.length();
                for (String line : text.split("\r\n")) {
                    if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Long.parseLong(line.substring(15).trim());
                    }
                }
                if (length <= 0) {
                    break;
                }
            }
            if (headEnd >= 0 && bytes.size() >= headEnd + length) {
                break;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
