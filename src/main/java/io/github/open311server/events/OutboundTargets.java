package io.github.open311server.events;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.github.open311server.config.Open311Config;

/**
 * Where the server may send webhooks. A subscription names any URL, so without this check it could
 * make the server probe the city's own network (SSRF): loopback, link-local (cloud metadata at
 * 169.254.169.254), private and unique-local addresses are refused unless the allow-list names them.
 * Checked when a subscription is saved and again before every delivery, since DNS can change.
 */
@Singleton
public class OutboundTargets {

    private final List<String> allowed;
    private final boolean requireHttps;

    @Inject
    public OutboundTargets(Open311Config config) {
        this.allowed = config.webhooks().allowedTargets().orElse(List.of()).stream()
                .map(a -> a.strip().toLowerCase(Locale.ROOT))
                .toList();
        this.requireHttps = config.webhooks().requireHttps();
    }

    /** Why this URL may not be a target, or empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.of("url is not a valid absolute URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && !requireHttps)) {
            return Optional.of(requireHttps ? "url must use https" : "url must use http or https");
        }
        String host = uri.getHost();
        if (host == null || uri.getRawUserInfo() != null) {
            return Optional.of("url must name a host (and no user information)");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (allowed.contains(host)) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("url's host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (internal(address) && !allowed.contains(address.getHostAddress().toLowerCase(Locale.ROOT))) {
                return Optional.of("url's host " + host + " is a loopback, link-local or private address ("
                        + address.getHostAddress() + "); name it in open311.webhooks.allowed-targets to allow it");
            }
        }
        return Optional.empty();
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
}
