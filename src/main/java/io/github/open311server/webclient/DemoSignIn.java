package io.github.open311server.webclient;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.build.Jwt;

import io.github.open311server.config.Open311Config;
import io.github.open311server.security.StaffIdentity;
import io.github.open311server.web.Open311Exception;

/**
 * The demo city's stand-in for an identity provider: tokens for a demo staff user and a demo admin of the
 * configured jurisdiction, signed with the key the server trusts, exactly as a provider's would be. Off unless
 * {@code open311.web-client.demo-sign-in} is set, which only the demo profile and the browser tests do.
 */
@ApplicationScoped
public class DemoSignIn {

    static final long LIFETIME_SECONDS = 3600;

    @Inject
    Open311Config config;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @ConfigProperty(name = "mp.jwt.verify.audiences")
    List<String> audiences;

    @ConfigProperty(name = "smallrye.jwt.sign.key.location")
    Optional<String> signingKey;

    public DemoToken signIn(String role) {
        if (!config.webClient().enabled() || !config.webClient().demoSignIn()) {
            throw Open311Exception.notFound("There is no demo sign-in on this server");
        }
        if (!StaffIdentity.STAFF.equals(role) && !StaffIdentity.ADMIN.equals(role)) {
            throw Open311Exception.badRequest("role must be staff or admin");
        }
        if (signingKey.isEmpty()) {
            throw Open311Exception.unavailable(
                    "The demo sign-in has no signing key: start the demo with make run, which makes one");
        }
        String user = "demo." + role;
        String token = Jwt.issuer(issuer)
                .subject(user)
                .claim("preferred_username", user)
                .claim("name", StaffIdentity.ADMIN.equals(role) ? "Demo Admin" : "Demo Staff")
                .groups(Set.of(role))
                .claim("jurisdictions", List.of(config.jurisdiction().id()))
                .audience(Set.copyOf(audiences))
                .expiresIn(LIFETIME_SECONDS)
                .sign();
        return new DemoToken(token, "Bearer", LIFETIME_SECONDS, user, role);
    }

    /** Shaped like an OAuth 2.0 token answer, so the board reads both the same way. */
    public record DemoToken(String accessToken, String tokenType, long expiresIn, String user, String role) {}
}
