package io.github.open311server.format;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;

import io.github.open311server.config.Open311Config;

/** Absolute URLs this server publishes: the configured public URL, else the one the client used. */
@ApplicationScoped
public class PublicUrls {

    @Inject
    Open311Config config;

    /** The v2 endpoint base, without trailing slash, e.g. {@code https://api.city.gov/open311/v2}. */
    public String v2(UriInfo uri) {
        return config.discovery().endpointUrl()
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .orElseGet(() -> {
                    String base = uri.getBaseUri().toString();
                    return (base.endsWith("/") ? base : base + "/") + "open311/v2";
                });
    }

    /** Scheme, host and port that links are published under, e.g. {@code https://api.city.gov}. */
    public String origin(UriInfo uri) {
        java.net.URI base = java.net.URI.create(v2(uri));
        return base.getScheme() + "://" + base.getRawAuthority();
    }
}
