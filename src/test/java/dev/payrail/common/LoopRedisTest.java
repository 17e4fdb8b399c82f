package dev.payrail.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.support.TestEnvironment;
import io.netty.channel.EventLoop;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.redis.client.Redis;

/**
 * Each event loop sends its Redis commands through a client of its own, created on that loop, so that a
 * command and its answer stay on the loop of the request; off an event loop the shared client answers.
 */
@QuarkusTest
class LoopRedisTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    LoopRedis redis;

    @Inject
    Vertx vertx;

    /** A request's (duplicated) context on the given loop, as Quarkus REST runs a request. */
    private ContextInternal requestOn(EventLoop loop) {
        return ((VertxInternal) vertx).createEventLoopContext(loop, null, getClass().getClassLoader()).duplicate();
    }

    private <T> T on(ContextInternal context, java.util.function.Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The event loop of a connection the client lends on {@code context}. Vert.x does not say; its pooled
     * connection holds the connection, which holds its context (read by reflection: a Vert.x upgrade that
     * moves them fails here, and the property must be checked anew).
     */
    private EventLoop loopOfAConnection(ContextInternal context, Redis client) throws Exception {
        CompletableFuture<EventLoop> loop = new CompletableFuture<>();
        context.runOnContext(v -> client.connect().onComplete(ar -> {
            if (ar.failed()) {
                loop.completeExceptionally(ar.cause());
                return;
            }
            try {
                Object pooled = ar.result();
                java.lang.reflect.Field inner = pooled.getClass().getDeclaredField("connection");
                inner.setAccessible(true);
                Object connection = inner.get(pooled);
                java.lang.reflect.Field ctx = connection.getClass().getDeclaredField("context");
                ctx.setAccessible(true);
                loop.complete(((ContextInternal) ctx.get(connection)).nettyEventLoop());
            } catch (ReflectiveOperationException e) {
                loop.completeExceptionally(e);
            } finally {
                ar.result().close();
            }
        }));
        return loop.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void eachEventLoopHasItsOwnClientAndEveryLoopAndOtherThreadsGetTheirAnswers() throws Exception {
        VertxInternal internal = (VertxInternal) vertx;
        EventLoop first = internal.getEventLoopGroup().next();
        EventLoop second = internal.getEventLoopGroup().next();
        assertNotSame(first, second, "the test needs two event loops (Quarkus starts two per core)");
        ContextInternal a1 = requestOn(first);
        ContextInternal a2 = requestOn(first);
        ContextInternal b = requestOn(second);

        Redis ofA1 = on(a1, redis::clientOfThisLoop);
        Redis ofA2 = on(a2, redis::clientOfThisLoop);
        Redis ofB = on(b, redis::clientOfThisLoop);
        assertNotNull(ofA1);
        assertSame(ofA1, ofA2, "two requests on one loop share its client");
        assertNotSame(ofA1, ofB, "another loop has a client of its own");
        assertNull(redis.clientOfThisLoop(), "a thread that is no event loop has none");
        assertEquals(first, loopOfAConnection(a1, ofA1), "the client's connections live on its loop");
        assertEquals(second, loopOfAConnection(b, ofB));

        String key = TestEnvironment.REDIS_PREFIX + "loop-redis:" + System.nanoTime();
        try {
            CompletableFuture<String> set = new CompletableFuture<>();
            a1.runOnContext(v -> redis.execute("SET", key, "from-a", "PX", "60000").subscribe()
                    .with(r -> set.complete(r.toString()), set::completeExceptionally));
            assertEquals("OK", set.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            CompletableFuture<String> got = new CompletableFuture<>();
            b.runOnContext(v -> redis.execute("GET", key).subscribe()
                    .with(r -> got.complete(r.toString()), got::completeExceptionally));
            assertEquals("from-a", got.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertNull(redis.execute("GET", key + ":missing").await().atMost(WAIT), "a nil reply is null");
            assertEquals("from-a", redis.execute("GET", key).await().atMost(WAIT).toString(), "off a loop");
        } finally {
            redis.execute("DEL", key).await().atMost(WAIT);
        }
    }
}
