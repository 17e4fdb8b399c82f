package dev.payrail.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;

/**
 * Keeps webhook deliveries away from internal networks. A URL is checked when it is registered
 * and again before every connection, against the addresses its host resolves to at that moment;
 * the delivery then connects to exactly the checked address, so a DNS answer that changes between
 * the check and the connection (rebinding) cannot redirect it.
 *
 * <p>Refused: schemes other than http(s), user info, hosts in any numeric form other than
 * canonical dotted decimal ({@code 2130706433}, {@code 0x7f000001}, {@code 0177.0.0.1},
 * {@code 127.1}), IPv4-mapped and IPv4-compatible IPv6 literals, and addresses that are loopback,
 * private, link-local, carrier-grade NAT, unique-local, unspecified, multicast, broadcast,
 * reserved or documentation ranges. {@code payrail.webhook.allow-loopback} and
 * {@code payrail.webhook.allow-cidrs} open exceptions for dev, test and sandbox.
 */
@Singleton
public class SsrfGuard {

    /** Why a URL was refused; the message is safe to show to the merchant. */
    public static class RefusedException extends RuntimeException {
        public RefusedException(String message) {
            super(message, null, false, false);
        }
    }

    /** Where to connect: the URL's parts and the one checked address. */
    public record Target(String host, int port, boolean https, String requestUri, InetAddress address) {
    }

    record Parsed(String host, int port, boolean https, String requestUri, InetAddress literal) {
    }

    private static final Pattern NUMERIC_LABEL = Pattern.compile("0x[0-9a-f]*|[0-9]+");
    private static final Pattern DECIMAL_OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private static final List<Cidr> BLOCKED = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("100.64.0.0/10"), Cidr.parse("127.0.0.0/8"),
            Cidr.parse("169.254.0.0/16"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.0.0.0/24"),
            Cidr.parse("192.0.2.0/24"), Cidr.parse("192.88.99.0/24"), Cidr.parse("192.168.0.0/16"),
            Cidr.parse("198.18.0.0/15"), Cidr.parse("198.51.100.0/24"), Cidr.parse("203.0.113.0/24"),
            Cidr.parse("224.0.0.0/4"), Cidr.parse("240.0.0.0/4"),
            Cidr.parse("::/128"), Cidr.parse("::1/128"), Cidr.parse("::/96"), Cidr.parse("::ffff:0:0/96"),
            Cidr.parse("64:ff9b::/96"), Cidr.parse("64:ff9b:1::/48"), Cidr.parse("100::/64"), Cidr.parse("2001::/32"),
            Cidr.parse("2001:db8::/32"), Cidr.parse("2002::/16"), Cidr.parse("fc00::/7"), Cidr.parse("fe80::/10"),
            Cidr.parse("fec0::/10"), Cidr.parse("ff00::/8"));

    private final HostResolver resolver;
    private final boolean allowLoopback;
    private final List<Cidr> allowed = new ArrayList<>();

    SsrfGuard(HostResolver resolver, WebhookConfig config) {
        this.resolver = resolver;
        this.allowLoopback = config.allowLoopback();
        config.allowCidrs().ifPresent(list -> list.stream().map(String::trim).filter(s -> !s.isEmpty())
                .forEach(s -> allowed.add(Cidr.parse(s))));
    }

    /**
     * The check at registration: the URL's form, and the addresses its host resolves to now. A
     * name that does not resolve yet is accepted (it is checked again before each delivery).
     */
    public Uni<Void> checkRegistration(String url) {
        Parsed p;
        try {
            p = parse(url);
        } catch (RefusedException e) {
            return Uni.createFrom().failure(e);
        }
        if (p.literal() != null) {
            return Uni.createFrom().voidItem();
        }
        return resolver.resolve(p.host())
                .onFailure(f -> isUnknownHost(f)).recoverWithItem(List.of())
                .map(addresses -> {
                    addresses.forEach(a -> requireAllowed(a, p.host()));
                    return null;
                });
    }

    /** The check before a connection: resolves the host and returns the one address to connect to. */
    public Uni<Target> resolveForDelivery(String url) {
        Parsed p;
        try {
            p = parse(url);
        } catch (RefusedException e) {
            return Uni.createFrom().failure(e);
        }
        if (p.literal() != null) {
            return Uni.createFrom().item(new Target(p.host(), p.port(), p.https(), p.requestUri(), p.literal()));
        }
        return resolver.resolve(p.host())
                .onFailure(f -> isUnknownHost(f)).transform(f -> new RefusedException("host " + p.host() + " does not resolve"))
                .map(addresses -> {
                    if (addresses.isEmpty()) {
                        throw new RefusedException("host " + p.host() + " does not resolve");
                    }
                    // Every answer must be allowed: a mixed answer is how rebinding attacks start.
                    addresses.forEach(a -> requireAllowed(a, p.host()));
                    return new Target(p.host(), p.port(), p.https(), p.requestUri(), addresses.get(0));
                });
    }

    private static boolean isUnknownHost(Throwable f) {
        return f instanceof UnknownHostException || f.getCause() instanceof UnknownHostException;
    }

    /** The URL's form; an IP literal is checked here, host names are left to resolution. */
    Parsed parse(String url) {
        if (url == null || url.isBlank() || url.length() > 2048) {
            throw new RefusedException("url must be an http(s) URL of at most 2048 characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedException("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedException("url must use http or https");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            throw new RefusedException("url must not contain user info");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new RefusedException("url must name a host");
        }
        if (uri.getRawFragment() != null) {
            throw new RefusedException("url must not have a fragment");
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String requestUri = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            InetAddress literal = ipv6Literal(host.substring(1, host.length() - 1));
            requireAllowed(literal, host);
            return new Parsed(host, port, https, requestUri, literal);
        }
        String bare = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] labels = bare.split("\\.", -1);
        boolean numeric = labels.length > 0;
        for (String label : labels) {
            numeric &= NUMERIC_LABEL.matcher(label).matches();
        }
        if (numeric) {
            InetAddress literal = canonicalIpv4(labels);
            requireAllowed(literal, host);
            return new Parsed(bare, port, https, requestUri, literal);
        }
        if (!HOST_NAME.matcher(bare).matches()) {
            throw new RefusedException("url has an invalid host name");
        }
        if ((bare.equals("localhost") || bare.endsWith(".localhost")) && !allowLoopback) {
            throw new RefusedException("url must not point to localhost");
        }
        return new Parsed(bare, port, https, requestUri, null);
    }

    private static InetAddress canonicalIpv4(String[] labels) {
        if (labels.length != 4) {
            throw new RefusedException("url uses a non-canonical numeric host; write IPv4 addresses as a.b.c.d");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!DECIMAL_OCTET.matcher(labels[i]).matches() || Integer.parseInt(labels[i]) > 255) {
                throw new RefusedException("url uses a non-canonical numeric host; write IPv4 addresses as a.b.c.d");
            }
            bytes[i] = (byte) Integer.parseInt(labels[i]);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new RefusedException("url has an invalid IP address");
        }
    }

    private static InetAddress ipv6Literal(String text) {
        if (!text.matches("[0-9a-f:.]+")) {
            throw new RefusedException("url has an invalid IPv6 address (zone ids are not allowed)");
        }
        InetAddress a;
        try {
            a = InetAddress.getByName(text); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            throw new RefusedException("url has an invalid IPv6 address");
        }
        if (a instanceof Inet4Address) {
            // Java turns ::ffff:a.b.c.d into an IPv4 address: the URL used an IPv4-mapped form.
            throw new RefusedException("url must not use IPv4-mapped IPv6 addresses");
        }
        return a;
    }

    void requireAllowed(InetAddress a, String host) {
        for (Cidr c : allowed) {
            if (c.contains(a)) {
                return;
            }
        }
        if (a.isLoopbackAddress()) {
            if (allowLoopback) {
                return;
            }
            throw new RefusedException("url must not point to a loopback address");
        }
        if (a instanceof Inet6Address && isMappedV4(a.getAddress())) {
            throw new RefusedException("url must not resolve to an IPv4-mapped IPv6 address");
        }
        for (Cidr c : BLOCKED) {
            if (c.contains(a)) {
                throw new RefusedException("url must not point to a private, link-local, reserved or special-purpose address ("
                        + host + ")");
            }
        }
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** An address range. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String addr = slash < 0 ? text : text.substring(0, slash);
            try {
                byte[] bytes = InetAddress.getByName(addr).getAddress();
                if (addr.contains(":") && bytes.length == 4) {
                    // ::ffff:0:0 style ranges: keep them IPv6.
                    byte[] v6 = new byte[16];
                    v6[10] = (byte) 0xff;
                    v6[11] = (byte) 0xff;
                    System.arraycopy(bytes, 0, v6, 12, 4);
                    bytes = v6;
                }
                int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalArgumentException("bad prefix in " + text);
                }
                return new Cidr(bytes, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR range: " + text, e);
            }
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (b[full] & mask) == (network[full] & mask);
        }
    }
}
