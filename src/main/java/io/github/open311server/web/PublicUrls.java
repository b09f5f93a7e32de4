package io.github.open311server.web;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.net.SocketAddress;

import io.github.open311server.config.Open311Config;

/**
 * Absolute URLs this server publishes: the configured public URL, else the address the connection
 * was accepted on. Never the {@code Host} header: any client can send {@code Host: evil.example},
 * and links built from it would send other clients there. Behind a proxy, set the public URL.
 */
@ApplicationScoped
public class PublicUrls {

    @Inject
    Open311Config config;

    @Inject
    CurrentVertxRequest request;

    /** The v2 endpoint base, without trailing slash, e.g. {@code https://api.city.gov/open311/v2}. */
    public String v2(UriInfo uri) {
        return config.discovery()
                .endpointUrl()
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .orElseGet(() -> listeningOrigin() + "/open311/v2");
    }

    /** Scheme, host and port that links are published under, e.g. {@code https://api.city.gov}. */
    public String origin(UriInfo uri) {
        URI base = URI.create(v2(uri));
        return base.getScheme() + "://" + base.getRawAuthority();
    }

    private String listeningOrigin() {
        var current = request.getCurrent().request();
        SocketAddress local = current.localAddress();
        String host = local.hostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]"; // IPv6 literal
        }
        return (current.isSSL() ? "https" : "http") + "://" + host + ":" + local.port();
    }
}
