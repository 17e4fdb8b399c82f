package dev.payrail.checkout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

/**
 * A merchant's web site on its own port, so on another origin than Payrail's checkout
 * ({@code http://127.0.0.1:<port>} and {@code http://localhost:<port>} are two more origins).
 */
final class MerchantSite implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    MerchantSite() {
        try {
            server = HttpServer.create(new InetSocketAddress(0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String html = pages.get(exchange.getRequestURI().getPath());
            byte[] body = (html == null ? "not found" : html).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(html == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The site under {@code host} (127.0.0.1 or localhost: two origins). */
    String origin(String host) {
        return "http://" + host + ":" + port();
    }

    void page(String path, String html) {
        pages.put(path, html);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
