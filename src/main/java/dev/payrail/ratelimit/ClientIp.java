package dev.payrail.ratelimit;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The client IP that per-IP limits key on: the connection's peer address. Behind a load balancer
 * or ingress, enable {@code quarkus.http.proxy.proxy-address-forwarding} (with
 * {@code quarkus.http.proxy.trusted-proxies}) so that Quarkus puts the forwarded client address
 * there; never trust {@code X-Forwarded-For} from the open internet.
 */
public final class ClientIp {

    private ClientIp() {
    }

    public static String of(HttpServerRequest request) {
        SocketAddress address = request == null ? null : request.remoteAddress();
        if (address == null) {
            return "unknown";
        }
        String host = address.hostAddress();
        return host == null || host.isEmpty() ? "unknown" : host;
    }
}
