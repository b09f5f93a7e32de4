package io.github.open311server.events;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.github.open311server.config.Open311Config;

/**
 * Where the server may send webhooks. A subscription names any URL, so without this check it could
 * make the server probe the city's own network (SSRF): loopback, link-local (cloud metadata at
 * 169.254.169.254), private and unique-local addresses are refused unless the allow-list names them
 * (by host name, address or CIDR range). Checked when a subscription is saved and again before every
 * delivery; the delivery then connects to the very address that was checked, so a name that resolves
 * to a public address for the check and to an internal one a moment later (DNS rebinding) gains nothing.
 */
@Singleton
public class OutboundTargets {

    /** A URL that may be called, and the checked address to connect to; or why it may not. */
    public record Target(URI uri, InetAddress address, String refusal) {

        static Target refused(String reason) {
            return new Target(null, null, reason);
        }

        public boolean allowed() {
            return refusal == null;
        }
    }

    private final List<String> allowedNames = new ArrayList<>();
    private final List<Cidr> allowedRanges = new ArrayList<>();
    private final boolean requireHttps;

    @Inject
    public OutboundTargets(Open311Config config) {
        this(
                config.webhooks().allowedTargets().orElse(List.of()),
                config.webhooks().requireHttps());
    }

    OutboundTargets(List<String> allowed, boolean requireHttps) {
        for (String entry : allowed) {
            String a = entry.strip().toLowerCase(Locale.ROOT);
            if (a.contains("/")) {
                allowedRanges.add(Cidr.parse(a));
            } else {
                allowedNames.add(a);
            }
        }
        this.requireHttps = requireHttps;
    }

    /** Why this URL may not be a target, or empty when it may. */
    public Optional<String> refusal(String url) {
        return Optional.ofNullable(check(url).refusal());
    }

    public Target check(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Target.refused("url is not a valid absolute URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && !requireHttps)) {
            return Target.refused(requireHttps ? "url must use https" : "url must use http or https");
        }
        String host = uri.getHost();
        if (host == null || uri.getRawUserInfo() != null) {
            return Target.refused("url must name a host (and no user information)");
        }
        host = host.toLowerCase(Locale.ROOT);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Target.refused("url's host " + host + " does not resolve");
        }
        boolean nameAllowed = allowedNames.contains(host);
        for (InetAddress address : addresses) {
            if (!nameAllowed && internal(address) && !allowed(address)) {
                return Target.refused("url's host " + host + " is a loopback, link-local or private address ("
                        + address.getHostAddress() + "); name it in open311.webhooks.allowed-targets to allow it");
            }
        }
        return new Target(uri, addresses[0], null);
    }

    private boolean allowed(InetAddress address) {
        return allowedNames.contains(address.getHostAddress().toLowerCase(Locale.ROOT))
                || allowedRanges.stream().anyMatch(range -> range.contains(address));
    }

    private static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            return (b[0] & 0xFE) == 0xFC; // fc00::/7, unique local
        }
        return (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64 // 100.64.0.0/10, carrier-grade NAT
                || (b[0] & 0xFF) == 0; // 0.0.0.0/8
    }

    /** An address range such as 10.20.0.0/16 or fd00:1::/32. */
    record Cidr(byte[] network, int bits) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            try {
                byte[] network = InetAddress.getByName(text.substring(0, slash)).getAddress();
                int bits = Integer.parseInt(text.substring(slash + 1));
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException("prefix length out of range in " + text);
                }
                return new Cidr(network, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("open311.webhooks.allowed-targets: not a CIDR range: " + text, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
