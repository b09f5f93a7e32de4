package io.github.open311server.web;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import io.github.open311server.config.Open311Config;

/**
 * Who the client is and under which URL it reached us, believing forwarding headers only from the
 * configured proxies. Behind a proxy every connection comes from the proxy, so per-address limits
 * must count the address the proxy forwards; from anyone else such a header is a lie to be ignored.
 */
@Singleton
public class TrustedProxies {

    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9.-]{1,253}(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+](:\\d{1,5})?");

    private final List<Range> trusted;

    @Inject
    public TrustedProxies(Open311Config config) {
        this(config.guard().trustedProxies().orElse(List.of()));
    }

    TrustedProxies(List<String> ranges) {
        List<Range> parsed = new ArrayList<>();
        for (String range : ranges) {
            if (!range.isBlank()) {
                parsed.add(Range.parse(range.strip()));
            }
        }
        this.trusted = List.copyOf(parsed);
    }

    /** The address per-address limits count: the peer, or what trusted proxies say is behind them. */
    public String clientAddress(HttpServerRequest request) {
        SocketAddress peer =
                request.connection() == null ? null : request.connection().remoteAddress();
        if (peer == null) {
            return "unknown";
        }
        return clientAddress(peer.hostAddress(), forwardedFor(request));
    }

    /** The hops a request came through, nearest last; the first untrusted one from the right is the client. */
    String clientAddress(String peer, List<String> forwardedFor) {
        String client = peer;
        for (int i = forwardedFor.size() - 1; i >= 0 && isTrusted(client); i--) {
            client = forwardedFor.get(i);
        }
        return client;
    }

    /** {@code scheme://host[:port]} the trusted proxy was reached under, if it said so. */
    public Optional<String> forwardedOrigin(HttpServerRequest request) {
        SocketAddress peer =
                request.connection() == null ? null : request.connection().remoteAddress();
        if (peer == null || !isTrusted(peer.hostAddress())) {
            return Optional.empty();
        }
        String proto = request.getHeader("X-Forwarded-Proto");
        String host = request.getHeader("X-Forwarded-Host");
        String forwarded = request.getHeader("Forwarded");
        if (forwarded != null) {
            String first = forwarded.split(",")[0];
            proto = parameter(first, "proto", proto);
            host = parameter(first, "host", host);
        }
        if (host == null) {
            return Optional.empty();
        }
        host = host.split(",")[0].strip();
        proto = proto == null ? "http" : proto.split(",")[0].strip().toLowerCase(Locale.ROOT);
        if (!HOST.matcher(host).matches() || !(proto.equals("http") || proto.equals("https"))) {
            return Optional.empty();
        }
        return Optional.of(proto + "://" + host);
    }

    boolean isTrusted(String address) {
        if (trusted.isEmpty()) {
            return false;
        }
        BigInteger value = Range.value(address);
        return value != null && trusted.stream().anyMatch(r -> r.contains(value, address.indexOf(':') >= 0));
    }

    private static List<String> forwardedFor(HttpServerRequest request) {
        List<String> hops = new ArrayList<>();
        String forwarded = request.getHeader("Forwarded");
        if (forwarded != null) {
            for (String element : forwarded.split(",")) {
                String value = parameter(element, "for", null);
                if (value != null) {
                    hops.add(stripPort(value));
                }
            }
            return hops;
        }
        for (String header : request.headers().getAll("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(stripPort(hop.strip()));
                }
            }
        }
        return hops;
    }

    /** A parameter of one RFC 7239 element, unquoted. */
    private static String parameter(String element, String name, String fallback) {
        for (String pair : element.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().equalsIgnoreCase(name)) {
                String value = pair.substring(eq + 1).strip();
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1)
                        : value;
            }
        }
        return fallback;
    }

    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end > 0 ? hop.substring(1, end) : hop;
        }
        int colon = hop.indexOf(':');
        return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
    }

    /** An address or a CIDR range, IPv4 or IPv6. */
    private record Range(BigInteger network, int prefix, boolean ipv6) {

        static Range parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            BigInteger value = value(address);
            if (value == null) {
                throw new IllegalArgumentException(
                        "open311.guard.trusted-proxies: '" + text + "' is not an IP address or CIDR range");
            }
            boolean ipv6 = address.indexOf(':') >= 0;
            int bits = ipv6 ? 128 : 32;
            int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
            return new Range(value.shiftRight(bits - prefix), prefix, ipv6);
        }

        boolean contains(BigInteger address, boolean addressIsIpv6) {
            return ipv6 == addressIsIpv6
                    && address.shiftRight((ipv6 ? 128 : 32) - prefix).equals(network);
        }

        /** Only literals: a name here would make every check a DNS lookup. */
        static BigInteger value(String address) {
            if (address.isEmpty() || !address.matches("[0-9A-Fa-f:.]+")) {
                return null;
            }
            try {
                return new BigInteger(1, InetAddress.getByName(address).getAddress());
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}
