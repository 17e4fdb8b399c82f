package dev.payrail.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster and a Redis server of the test's own, on free ports in a temporary
 * directory, that a test may stop and start again (an outage) without touching the machine's shared
 * services. PostgreSQL is the installed server ({@code /usr/lib/postgresql/<version>/bin}, or
 * {@code PAYRAIL_TEST_PG_BIN}), run as the {@code postgres} user when the tests run as root
 * (PostgreSQL refuses root); Redis is {@code redis-server} without persistence, a child process.
 */
public final class OwnServices implements AutoCloseable {

    private final Path dir;
    private final Path pgData;
    private final Path pgBin;
    private final int pgPort;
    private final int redisPort;
    private final boolean root;
    private Process redis;

    private OwnServices() throws IOException, InterruptedException {
        this.root = "root".equals(System.getProperty("user.name"));
        this.pgBin = pgBin();
        this.dir = Files.createTempDirectory("payrail-own-services-");
        this.pgData = dir.resolve("pg");
        this.pgPort = freePort();
        this.redisPort = freePort();
        if (root) {
            run(List.of("chown", "postgres", dir.toString()));
        }
        run(asPostgres(pgBin.resolve("initdb").toString(), "-D", pgData.toString(), "-U", "postgres", "-A", "trust",
                "--no-sync", "-E", "UTF8"));
        startPostgres();
        startRedis();
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeQuietly));
    }

    /** Starts both services; {@link #close} stops them and removes their files. */
    public static OwnServices start() {
        try {
            return new OwnServices();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not start the test's own PostgreSQL and Redis", e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres";
    }

    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + pgPort + "/postgres";
    }

    public String redisUrl() {
        return "redis://127.0.0.1:" + redisPort;
    }

    public int redisPort() {
        return redisPort;
    }

    public void startPostgres() throws IOException, InterruptedException {
        run(asPostgres(pgBin.resolve("pg_ctl").toString(), "-D", pgData.toString(), "-l", dir.resolve("pg.log").toString(),
                "-w", "-t", "30", "-o", "-p " + pgPort + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c max_connections=60",
                "start"));
    }

    /** Stops PostgreSQL at once, as a crash or a failover does: clients see their connections drop. */
    public void stopPostgres() throws IOException, InterruptedException {
        run(asPostgres(pgBin.resolve("pg_ctl").toString(), "-D", pgData.toString(), "-m", "immediate", "-w", "stop"));
    }

    public void startRedis() throws IOException, InterruptedException {
        redis = new ProcessBuilder("redis-server", "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        awaitPort(redisPort, Duration.ofSeconds(10));
    }

    public void stopRedis() throws InterruptedException {
        if (redis != null) {
            redis.destroyForcibly();
            redis.waitFor();
            redis = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private synchronized void closeQuietly() {
        try {
            stopRedis();
        } catch (Exception e) {
            // best effort
        }
        try {
            if (Files.exists(pgData.resolve("postmaster.pid"))) {
                stopPostgres();
            }
        } catch (Exception e) {
            // best effort
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // best effort
        }
    }

    private List<String> asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("commands.log").toFile())).start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed; see " + dir.resolve("commands.log") + ": "
                    + Files.readString(dir.resolve("commands.log")));
        }
    }

    private static Path pgBin() throws IOException {
        String configured = System.getenv("PAYRAIL_TEST_PG_BIN");
        if (configured != null) {
            return Path.of(configured);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IOException("no PostgreSQL server under /usr/lib/postgresql"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port, Duration within) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException("nothing listens on " + port);
    }
}
