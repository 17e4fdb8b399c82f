package dev.payrail.support;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records, with Redis MONITOR, the commands clients send that touch keys under a prefix while an
 * action runs (commands run inside Lua scripts are not round trips and are left out).
 */
public final class RedisMonitor {

    private RedisMonitor() {
    }

    /** What the recorded action does; it may throw, and its failure fails the recording. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /**
     * The gateway's own commands under the tests' prefix while {@code action} runs: not the simulator's, which
     * keeps its journal (a provider's) in the same Redis under {@code <prefix>sim:}.
     */
    public static List<String> recordGateway(Action action) throws Exception {
        String simulator = TestEnvironment.REDIS_PREFIX + "sim:";
        return record(TestEnvironment.REDIS_PREFIX, action).stream().filter(c -> !c.contains(simulator)).toList();
    }

    public static List<String> record(String prefix, Action action) throws Exception {
        List<String> seen = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (Socket socket = new Socket("127.0.0.1", 6379)) {
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            in.readLine(); // +OK
            Thread reader = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        String line = in.readLine();
                        if (line == null) {
                            return;
                        }
                        if (line.contains(prefix) && !line.contains(" lua]")) {
                            int q = line.indexOf("] \"");
                            String cmd = q < 0 ? line : line.substring(q + 3);
                            synchronized (seen) {
                                seen.add(cmd.replace("\" \"", " ").replace("\"", ""));
                            }
                        }
                    } catch (java.net.SocketTimeoutException e) {
                        // poll again
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            reader.start();
            Thread.sleep(200);
            action.run();
            Thread.sleep(500);
            stop.set(true);
            reader.join(2000);
        }
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }
}
