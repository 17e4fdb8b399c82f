package dev.payrail.common;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import io.netty.channel.EventLoop;
import io.quarkus.proxy.ProxyConfigurationRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.client.VertxRedisClientFactory;
import io.quarkus.redis.runtime.client.config.RedisClientConfig;
import io.quarkus.redis.runtime.client.config.RedisConfig;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * Redis commands answered on the event loop that sent them. The Vert.x Redis client keeps all its
 * pooled connections on the event loop of the context it was created on, so a command from a request on
 * another loop crosses threads twice: the send is handed to the connection's loop and the answer back
 * (each a wake-up of the other loop). This keeps one client of the configured Redis
 * ({@code quarkus.redis.*}, built by Quarkus's own factory) per event loop, created on that loop, and sends
 * each command through the client of the loop it runs on. Off an event loop (start-up, shutdown, tests'
 * threads) commands go through Quarkus's client.
 */
@Singleton
public class LoopRedis {

    private final Vertx vertx;
    private final ReactiveRedisDataSource shared;
    private final TlsConfigurationRegistry tls;
    private final ProxyConfigurationRegistry proxies;
    /** The settings of Quarkus's default client ({@code quarkus.redis.*}), which every loop's client shares. */
    private final RedisClientConfig config;
    private final ConcurrentHashMap<EventLoop, Redis> clients = new ConcurrentHashMap<>();

    LoopRedis(Vertx vertx, ReactiveRedisDataSource shared, TlsConfigurationRegistry tls,
            ProxyConfigurationRegistry proxies) {
        this.vertx = vertx;
        this.shared = shared;
        this.tls = tls;
        this.proxies = proxies;
        this.config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(RedisConfig.class)
                .clients().get(RedisConfig.DEFAULT_CLIENT_NAME);
    }

    /** {@code command} with {@code args}; its reply ({@code null} for a nil reply), as {@link ReactiveRedisDataSource#execute}. */
    public Uni<Response> execute(String command, String... args) {
        Redis client = clientOfThisLoop();
        if (client == null) {
            return shared.execute(command, args);
        }
        return Uni.createFrom().deferred(() -> {
            Request request = Request.cmd(Command.create(command));
            for (String arg : args) {
                request.arg(arg);
            }
            return UniHelper.toUni(client.send(request)).map(Response::newInstance);
        });
    }

    /** The client of the event loop this thread runs, created on first use; {@code null} off an event loop. */
    Redis clientOfThisLoop() {
        Context context = Vertx.currentContext();
        if (context == null || !context.isEventLoopContext() || !Context.isOnEventLoopThread()) {
            return null;
        }
        ContextInternal loop = ((ContextInternal) context).unwrap();
        // Only the loop's own thread gets here for its loop, so no two clients are ever made for one loop.
        return clients.computeIfAbsent(loop.nettyEventLoop(), ignored -> createOn(loop));
    }

    /**
     * A client made while the loop's own context (not the request's) is current: its connections live on
     * this loop and carry nothing of the request that happened to open them.
     */
    private Redis createOn(ContextInternal loop) {
        Redis[] created = new Redis[1];
        loop.dispatch(() -> created[0] = VertxRedisClientFactory.create(RedisConfig.DEFAULT_CLIENT_NAME, vertx, config,
                tls, proxies));
        return created[0];
    }

    @PreDestroy
    void close() {
        clients.values().forEach(Redis::close);
        clients.clear();
    }
}
