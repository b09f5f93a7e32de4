package io.github.open311server.webclient;

import java.util.List;

/**
 * What the web client reads before its first call: where it is (the jurisdiction), the API key its citizen
 * pages post with, the map, and how staff sign in. Everything else it learns from the APIs themselves.
 */
public record WebClientSettings(
        String jurisdictionId,
        String jurisdictionName,
        String apiKey,
        String tilesUrl,
        String tilesAttribution,
        List<Double> mapCentre,
        List<String> languages,
        Oidc oidc,
        boolean demoSignIn) {

    /** The identity provider's endpoints for the authorisation code flow with PKCE; null when none is set. */
    public record Oidc(String authorizationEndpoint, String tokenEndpoint, String clientId, String scope) {}
}
