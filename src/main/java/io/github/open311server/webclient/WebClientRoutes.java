package io.github.open311server.webclient;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import io.github.open311server.config.Open311Config;
import io.github.open311server.web.ErrorsDocument;
import io.github.open311server.web.Format;
import io.github.open311server.web.Open311Error;
import io.github.open311server.web.Renderer;

/**
 * Every answer under /client: 404 when the city turned the client off, else a strict Content-Security-Policy
 * (scripts, styles and connections to this server only, images from it and the configured tile server, the
 * identity provider as the only other place a form or a fetch may go), so the pages run no third-party code.
 */
@ApplicationScoped
public class WebClientRoutes {

    static final String PREFIX = "/client";
    private static final Pattern ORIGIN = Pattern.compile("(https?://[^/?#]+)");

    @Inject
    Open311Config config;

    @Inject
    Renderer renderer;

    private String policy;

    void install(@Observes Router router) {
        policy = contentSecurityPolicy(config.webClient(), photoStoreOrigin(config.media()));
        // after the HTTP guard (-100), before the static files and the resource methods
        router.routeWithRegex(PREFIX + "(/.*)?").order(-50).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        if (!config.webClient().enabled()) {
            byte[] body = renderer.bytes(
                    Format.JSON,
                    new ErrorsDocument(List.of(new Open311Error(404, "The web client is turned off on this server"))));
            ctx.response()
                    .setStatusCode(404)
                    .putHeader("Content-Type", Format.JSON.mediaType())
                    .end(Buffer.buffer(body));
            return;
        }
        if (ctx.request().path().equals(PREFIX)) {
            ctx.response()
                    .setStatusCode(301)
                    .putHeader("Location", PREFIX + "/")
                    .end();
            return;
        }
        ctx.response().putHeader("Content-Security-Policy", policy);
        ctx.next();
    }

    /** Where public photos are read from when they are redirects to pre-signed URLs of the object store. */
    static Optional<String> photoStoreOrigin(Open311Config.Media media) {
        if (media.s3().serve() != Open311Config.Media.Serve.REDIRECT) {
            return Optional.empty();
        }
        return media.s3().endpoint().isPresent()
                ? origin(media.s3().endpoint())
                : Optional.of("https://*.amazonaws.com");
    }

    static String contentSecurityPolicy(Open311Config.WebClient client, Optional<String> photoStore) {
        Set<String> images = new LinkedHashSet<>(List.of("'self'", "data:", "blob:"));
        origin(client.tilesUrl()).ifPresent(images::add);
        photoStore.ifPresent(images::add);
        Set<String> connect = new LinkedHashSet<>(List.of("'self'"));
        origin(client.oidc().tokenEndpoint()).ifPresent(connect::add);
        Set<String> forms = new LinkedHashSet<>(List.of("'self'"));
        origin(client.oidc().authorizationEndpoint()).ifPresent(forms::add);
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src " + String.join(" ", images)
                + "; connect-src " + String.join(" ", connect) + "; form-action " + String.join(" ", forms)
                + "; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    }

    /** scheme://host[:port] of a configured URL; a tile template's {s} subdomain becomes a wildcard. */
    private static Optional<String> origin(Optional<String> url) {
        return url.map(ORIGIN::matcher)
                .filter(Matcher::lookingAt)
                .map(m -> m.group(1).replace("{s}", "*"));
    }
}
