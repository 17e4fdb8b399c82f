package dev.payrail.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * What arrives before any resource sees the request, sent byte for byte on a socket: an overlong
 * request target, oversized headers, no Host header, a declared body over the limit, a body that
 * never finishes, and writes to the read-only management endpoints. Each is answered as
 * problem+json with a request id.
 */
@QuarkusTest
class RawHttpTest {

    private static final String AUTH = "X-Api-Key: " + Api.SEED_KEY + "\r\nX-Api-Secret: " + Api.seedSecret() + "\r\n";

    /** Status line, headers (lower-cased names) and body of one response. */
    record Answer(int status, String head, String body, long millis) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        void isProblem(int expected) {
            assertEquals(expected, status, head + "\n" + body);
            assertTrue(String.valueOf(header("Content-Type")).startsWith("application/problem+json"), head);
            assertTrue(body.contains("\"request_id\":\"" + header("X-Request-Id") + "\""), head + "\n" + body);
            assertTrue(body.contains("\"status\":" + expected), body);
        }
    }

    @Test
    void anOverlongRequestTargetIs414() throws IOException {
        Answer a = send("GET /api/v1/payments?q=" + "a".repeat(6000) + " HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                + "\r\n", 0);
        a.isProblem(414);
        assertTrue(a.body().contains("\"max_uri_length\":4096"), a.body());
    }

    @Test
    void oversizedHeadersAre431() throws IOException {
        Answer a = send("GET /api/v1/merchant HTTP/1.1\r\nHost: localhost\r\n" + AUTH + "X-Padding: "
                + "p".repeat(25_000) + "\r\n\r\n", 0);
        a.isProblem(431);
    }

    @Test
    void aRequestWithoutHostIs400() throws IOException {
        Answer a = send("GET /api/v1/merchant HTTP/1.1\r\n" + AUTH + "\r\n", 0);
        a.isProblem(400);
    }

    static long orders() {
        return (Long) Db.one("SELECT count(*) AS n FROM orders").get("n");
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413NamingIt() throws IOException {
        long before = orders();
        Answer a = send("POST /api/v1/orders HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                + "Content-Type: application/json\r\nContent-Length: 10485760\r\n\r\n{\"amount\":", 0);
        a.isProblem(413);
        assertTrue(a.body().contains("\"max_body_size\":1048576"), a.body());
        assertEquals("close", a.header("Connection"));
        assertEquals(before, orders());
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws IOException {
        String chunk = "r".repeat(64 * 1024);
        StringBuilder request = new StringBuilder("POST /api/v1/orders HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                .append("c\r\n{\"receipt\":\"\r\n");
        for (int i = 0; i < 20; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");
        long before = orders();
        Answer a = send(request.toString(), 0);
        a.isProblem(413);
        assertEquals(before, orders());
    }

    @Test
    void aChunkedBodyWithinTheLimitIsReadWhole() throws IOException {
        String body = "{\"amount\":700,\"currency\":\"USD\",\"receipt\":\"chunked-" + Long.toString(System.nanoTime(), 36) + "\"}";
        String first = body.substring(0, 10);
        String rest = body.substring(10);
        Answer a = send("POST /api/v1/orders HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(first.length()) + "\r\n" + first + "\r\n" + Integer.toHexString(rest.length())
                + "\r\n" + rest + "\r\n0\r\n\r\n", 0);
        assertEquals(201, a.status(), a.head() + "\n" + a.body());
        assertTrue(a.body().contains("\"amount\":700"), a.body());
    }

    @Test
    void aBodyThatNeverFinishesIs408WithinTheReadTimeout() throws IOException {
        // payrail.http.body-read-timeout is 2 s in tests
        long before = orders();
        Answer a = send("POST /api/v1/orders HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"amount\":", 0);
        a.isProblem(408);
        assertTrue(a.millis() < 6_000, "answered after " + a.millis() + " ms");
        assertEquals(before, orders());
    }

    @Test
    void aSlowBodyThatArrivesInTimeIsServed() throws Exception {
        String body = "{\"amount\":800,\"currency\":\"USD\"}";
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(8_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/orders HTTP/1.1\r\nHost: localhost\r\n" + AUTH + "Content-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body.substring(0, 5))
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread.sleep(1_200); // within the 2 s read timeout of tests
            out.write(body.substring(5).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 201"), answer);
        }
    }

    @Test
    void managementEndpointsAnswerOnlyReads() throws IOException {
        for (String request : new String[] { "DELETE /q/metrics", "PUT /q/metrics", "POST /q/health", "DELETE /q/health/ready",
                "POST /q/health/live", "PUT /q/openapi", "DELETE /q/openapi", "POST /q/openapi" }) {
            Answer a = send(request + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n", 0);
            a.isProblem(405);
            assertEquals("GET, HEAD", a.header("Allow"), request);
        }
        assertEquals(200, send("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n", 0).status());
    }

    @Test
    void metricsNeverTagARawPath() throws IOException {
        String id = "pay_rawpathprobe" + System.nanoTime();
        for (String method : new String[] { "DELETE", "PUT", "PATCH" }) {
            send(method + " /api/v1/payments/" + id + " HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                    + "Content-Length: 0\r\n\r\n", 0);
            send(method + " /no/such/" + id + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n", 0);
        }
        send("GET /api/v1/payments/" + id + "%00 HTTP/1.1\r\nHost: localhost\r\n" + AUTH + "\r\n", 0);
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("http_server_requests"), "the HTTP server metrics are on");
        assertFalse(metrics.contains("rawpathprobe"), "a series per id: "
                + metrics.lines().filter(l -> l.contains("rawpathprobe")).findFirst().orElse(""));
    }

    /** Writes {@code request} and reads one response (up to the connection's close or 8 s). */
    static Answer send(String request, int pauseMs) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(8_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int headEnd = -1;
            long contentLength = -1;
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    bytes.write(buffer, 0, n);
                    String text = bytes.toString(StandardCharsets.ISO_8859_1);
                    if (headEnd < 0 && (headEnd = text.indexOf("\r\n\r\n")) >= 0) {
                        for (String line : text.substring(0, headEnd).split("\r\n")) {
                            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                                contentLength = Long.parseLong(line.substring(15).trim());
                            }
                        }
                    }
                    if (headEnd >= 0 && contentLength >= 0 && bytes.size() >= headEnd + 4 + contentLength) {
                        break;
                    }
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // what arrived is the answer
            }
            String text = bytes.toString(StandardCharsets.UTF_8);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(text.startsWith("HTTP/1.1 "), "no HTTP answer to " + request.lines().findFirst().orElse("")
                    + ": '" + text + "'");
            int status = Integer.parseInt(text.substring(9, 12));
            int end = text.indexOf("\r\n\r\n");
            return new Answer(status, end < 0 ? text : text.substring(0, end), end < 0 ? "" : text.substring(end + 4),
                    millis);
        }
    }
}
