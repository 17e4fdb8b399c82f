package dev.payrail.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script run by {@code EVALSHA} — one round trip whatever it does inside Redis — and loaded
 * with {@code SCRIPT LOAD} first when Redis does not know it (a restart, a failover, a flush).
 * <p>
 * A script made with {@link #carrying} also takes {@link CarriedWrites}: {@code SET}s that nobody waits to
 * read back, appended after its own keys and arguments and applied before its body runs, so that they
 * cost no round trip of their own. Its body sees only its own {@code KEYS} and {@code ARGV}.
 */
public record RedisScript(String source, String sha, boolean carries) {

    private static final Logger LOG = Logger.getLogger(RedisScript.class);

    /**
     * The last ARGV: how many writes ride along (n); before it, each write's value and time to live in
     * ms; its key among the last n KEYS. Applies them in order and takes them off KEYS and ARGV.
     */
    static final String CARRIED_WRITES = """
            local carried = tonumber(table.remove(ARGV))
            if carried > 0 then
              local k0 = #KEYS - carried
              local a0 = #ARGV - 2 * carried
              for i = 1, carried do
                redis.call('SET', KEYS[k0 + i], ARGV[a0 + 2 * i - 1], 'PX', ARGV[a0 + 2 * i])
              end
              for i = 1, carried do
                table.remove(KEYS)
              end
              for i = 1, 2 * carried do
                table.remove(ARGV)
              end
            end
            """;

    public static RedisScript of(String source) {
        return new RedisScript(source, sha1(source), false);
    }

    /** A script that also carries writes waiting to go out ({@link CarriedWrites#run}). */
    public static RedisScript carrying(String body) {
        String source = CARRIED_WRITES + body;
        return new RedisScript(source, sha1(source), true);
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }

    /** Runs the script with {@code keys} then {@code args} (KEYS and ARGV in Lua), carrying no writes. */
    public Uni<Response> run(LoopRedis redis, String[] keys, String... args) {
        return execute(redis, command(keys, args, List.of()));
    }

    /** The {@code EVALSHA} arguments: the script's own keys and args, then the carried writes'. */
    String[] command(String[] keys, String[] args, List<CarriedWrites.Write> writes) {
        int extra = carries ? 1 : 0;
        String[] command = new String[2 + keys.length + writes.size() + args.length + 2 * writes.size() + extra];
        int i = 0;
        command[i++] = sha;
        command[i++] = Integer.toString(keys.length + writes.size());
        for (String key : keys) {
            command[i++] = key;
        }
        for (CarriedWrites.Write write : writes) {
            command[i++] = write.key();
        }
        for (String arg : args) {
            command[i++] = arg;
        }
        for (CarriedWrites.Write write : writes) {
            command[i++] = write.value();
            command[i++] = Long.toString(write.ttlMillis());
        }
        if (carries) {
            command[i] = Integer.toString(writes.size());
        }
        return command;
    }

    Uni<Response> execute(LoopRedis redis, String[] command) {
        return redis.execute("EVALSHA", command)
                .onFailure(RedisScript::isNoScript)
                .recoverWithUni(() -> load(redis).chain(() -> redis.execute("EVALSHA", command)));
    }

    /** {@code SCRIPT LOAD}, so that the first run does not pay for it (callers may do it at start). */
    public Uni<Response> load(LoopRedis redis) {
        return redis.execute("SCRIPT", "LOAD", source);
    }

    /**
     * {@link #load} in the background, for a start-up observer: best effort, as a script Redis does not
     * know is loaded on its first run anyway. {@code name} says which script in the log.
     */
    public void preload(LoopRedis redis, String name) {
        load(redis).subscribe().with(
                sha -> LOG.debugf("%s script loaded: %s", name, sha),
                failure -> LOG.infof("%s script not loaded at start (%s); it is loaded on first use", name,
                        failure.toString()));
    }

    /** Whether Redis refused an {@code EVALSHA} because it does not know the script. */
    public static boolean isNoScript(Throwable failure) {
        String message = failure.getMessage();
        return message != null && message.startsWith("NOSCRIPT");
    }
}
