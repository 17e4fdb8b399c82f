package dev.payrail.support;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A minimal blocking RESP client for tests: inspecting and cleaning this run's own keys without
 * going through the application under test.
 */
public final class RedisTestClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RedisTestClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(5000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public static RedisTestClient fromConfig() throws IOException {
        String hosts = ConfigProvider.getConfig().getOptionalValue("quarkus.redis.hosts", String.class)
                .orElse("redis://127.0.0.1:6379");
        URI uri = URI.create(hosts.split(",")[0]);
        return new RedisTestClient(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
    }

    public synchronized Object call(String... args) throws IOException {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
            sb.append('$').append(bytes.length).append("\r\n").append(a).append("\r\n");
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read();
    }

    private Object read() throws IOException {
        int type = in.read();
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IOException("redis error: " + line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int len = Integer.parseInt(line);
                if (len < 0) {
                    return null;
                }
                byte[] data = in.readNBytes(len);
                readLine();
                return new String(data, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    items.add(read());
                }
                return items;
            }
            default:
                throw new IOException("unexpected RESP type " + (char) type);
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            sb.append((char) c);
        }
        in.read();
        return sb.toString();
    }

    /** All keys that start with {@code prefix}. */
    @SuppressWarnings("unchecked")
    public List<String> keys(String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            List<Object> reply = (List<Object>) call("SCAN", cursor, "MATCH", escape(prefix) + "*", "COUNT", "1000");
            cursor = (String) reply.get(0);
            for (Object k : (List<Object>) reply.get(1)) {
                keys.add((String) k);
            }
        } while (!"0".equals(cursor));
        return keys;
    }

    public int deleteByPrefix(String prefix) throws IOException {
        List<String> keys = keys(prefix);
        for (String k : keys) {
            call("DEL", k);
        }
        return keys.size();
    }

    private static String escape(String glob) {
        return glob.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
