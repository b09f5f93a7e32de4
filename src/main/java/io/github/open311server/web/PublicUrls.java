package io.github.open311server.web;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import io.github.open311server.config.Open311Config;

/**
 * Absolute URLs this server publishes: the configured public URL, else the address the connection
 * was accepted on. Never the {@code Host} header: any client can send {@code Host: evil.example},
 * and links built from it would send other clients there. Behind a proxy, set the public URL or
 * name the proxy in {@code open311.guard.trusted-proxies} so that its X-Forwarded-Host/-Proto count.
 */
@ApplicationScoped
public class PublicUrls {

    @Inject
    Open311Config config;

    @Inject
    CurrentVertxRequest request;

    @Inject
    TrustedProxies proxies;

    /** The v2 endpoint base, without trailing slash, e.g. {@code https://api.city.gov/open311/v2}. */
    public String v2(UriInfo uri) {
        return config.discovery()
                .endpointUrl()
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .orElseGet(() -> requestOrigin() + "/open311/v2");
    }

    /**
     * The v2 endpoint base for links made outside any request (mail): the configured public URL, else
     * this machine's listening port, which is only right for a demo on one machine.
     */
    public String v2() {
        return config.discovery()
                .endpointUrl()
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .orElseGet(() -> "http://localhost:" + listeningPort() + "/open311/v2");
    }

    private static int listeningPort() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        return ConfigProvider.getConfig().getOptionalValue(key, Integer.class).orElse(8080);
    }

    /** Scheme, host and port that links are published under, e.g. {@code https://api.city.gov}. */
    public String origin(UriInfo uri) {
        URI base = URI.create(v2(uri));
        return base.getScheme() + "://" + base.getRawAuthority();
    }

    /** What a trusted proxy says it was reached under, else the listening address. */
    private String requestOrigin() {
        var current = request.getCurrent().request();
        return proxies.forwardedOrigin(current).orElseGet(() -> listeningOrigin(current));
    }

    private static String listeningOrigin(HttpServerRequest current) {
        SocketAddress local = current.localAddress();
        String host = local.hostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]"; // IPv6 literal
        }
        return (current.isSSL() ? "https" : "http") + "://" + host + ":" + local.port();
    }
}
