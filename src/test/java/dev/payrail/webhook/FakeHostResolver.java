package dev.payrail.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.smallrye.mutiny.Uni;

/** A DNS whose answers the test sets, to change them between registration and delivery. */
final class FakeHostResolver extends HostResolver {

    private final Map<String, List<InetAddress>> answers = new ConcurrentHashMap<>();

    FakeHostResolver() {
        super(null);
    }

    FakeHostResolver answer(String host, String... addresses) {
        answers.put(host, java.util.Arrays.stream(addresses).map(FakeHostResolver::parse).toList());
        return this;
    }

    private static InetAddress parse(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public Uni<List<InetAddress>> resolve(String host) {
        List<InetAddress> a = answers.get(host);
        if (a == null) {
            return Uni.createFrom().failure(new java.io.UncheckedIOException(new UnknownHostException(host)));
        }
        return Uni.createFrom().item(a);
    }
}
