package io.github.open311server.support;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Signed bearer tokens as the city's identity provider would issue them (keys: {@link TestSigningKeys}). */
public final class Tokens {

    public static final String ISSUER = "https://idp.test.example";

    private Tokens() {}

    public static String staff(String... jurisdictions) {
        return token("alice", Set.of("staff"), List.of(jurisdictions));
    }

    public static String admin(String... jurisdictions) {
        return token("root", Set.of("admin"), List.of(jurisdictions));
    }

    public static String token(String user, Set<String> groups, List<String> jurisdictions) {
        return Jwt.issuer(ISSUER)
                .subject(user)
                .claim("preferred_username", user)
                .groups(groups)
                .claim("jurisdictions", jurisdictions)
                .audience("open311")
                .expiresIn(600)
                .sign();
    }

    public static String expired() {
        return Jwt.issuer(ISSUER)
                .subject("alice")
                .groups(Set.of("staff"))
                .claim("jurisdictions", List.of("testcity.example"))
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600))
                .sign();
    }

    /** Signed by a key the server does not trust. */
    public static String foreign() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey key = generator.generateKeyPair().getPrivate();
        return Jwt.issuer(ISSUER)
                .subject("mallory")
                .groups(Set.of("admin"))
                .claim("jurisdictions", List.of("*"))
                .sign(key);
    }

    public static String wrongIssuer() {
        return Jwt.issuer("https://elsewhere.example")
                .subject("eve")
                .groups(Set.of("admin"))
                .claim("jurisdictions", List.of("*"))
                .sign();
    }
}
