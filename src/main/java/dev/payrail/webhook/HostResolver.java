package dev.payrail.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Resolves webhook host names. {@link InetAddress} blocks, so the lookup runs on a worker thread
 * and the answer comes back on the caller's Vert.x context. Tests replace this bean to simulate a
 * DNS answer that changes after registration.
 */
@ApplicationScoped
public class HostResolver {

    private final Vertx vertx;

    HostResolver(Vertx vertx) {
        this.vertx = vertx;
    }

    /** All addresses of {@code host}; fails with {@link UnknownHostException} (as cause) when it does not resolve. */
    public Uni<List<InetAddress>> resolve(String host) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                return List.of(InetAddress.getAllByName(host));
            } catch (UnknownHostException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }), false);
    }
}
