package dev.payrail.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script run by {@code EVALSHA} — one round trip whatever it does inside Redis — and loaded
 * with {@code SCRIPT LOAD} first when Redis does not know it (a restart, a failover, a flush).
 */
public record RedisScript(String source, String sha) {

    public static RedisScript of(String source) {
        try {
            return new RedisScript(source, HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }

    /** Runs the script with {@code keys} then {@code args} (KEYS and ARGV in Lua). */
    public Uni<Response> run(ReactiveRedisDataSource redis, String[] keys, String... args) {
        String[] command = new String[2 + keys.length + args.length];
        command[0] = sha;
        command[1] = Integer.toString(keys.length);
        System.arraycopy(keys, 0, command, 2, keys.length);
        System.arraycopy(args, 0, command, 2 + keys.length, args.length);
        return redis.execute("EVALSHA", command)
                .onFailure(RedisScript::isNoScript)
                .recoverWithUni(() -> load(redis).chain(() -> redis.execute("EVALSHA", command)));
    }

    /** {@code SCRIPT LOAD}, so that the first run does not pay for it (callers may do it at start). */
    public Uni<Response> load(ReactiveRedisDataSource redis) {
        return redis.execute("SCRIPT", "LOAD", source);
    }

    /** Whether Redis refused an {@code EVALSHA} because it does not know the script. */
    public static boolean isNoScript(Throwable failure) {
        String message = failure.getMessage();
        return message != null && message.startsWith("NOSCRIPT");
    }
}
