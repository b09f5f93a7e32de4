package io.github.open311server.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * A small OpenID Connect provider for the staff board's sign-in test: an authorisation endpoint that signs in
 * "carol" at once and redirects back with a one-time code bound to the PKCE challenge, and a token endpoint
 * that gives a staff token (signed with {@link TestSigningKeys}' key) only for the verifier whose SHA-256 is that
 * challenge. Everything a real provider checks for this flow is checked; only the login form is left out.
 */
public class TestIdentityProvider implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "open311-board";
    public static final String USER = "carol";
    /** Codes redeemed with the right verifier: the proof that the board did PKCE. */
    public static final AtomicInteger VERIFIED_EXCHANGES = new AtomicInteger();

    private static final Map<String, Grant> GRANTS = new ConcurrentHashMap<>();
    private static volatile String base;
    private HttpServer server;

    private record Grant(String challenge, String redirectUri, String clientId) {}

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "open311.web-client.oidc.authorization-endpoint", base + "/authorize",
                "open311.web-client.oidc.token-endpoint", base + "/token",
                "open311.web-client.oidc.client-id", CLIENT_ID);
    }

    public static String tokenEndpoint() {
        return base + "/token";
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (!"code".equals(query.get("response_type"))
                || !CLIENT_ID.equals(query.get("client_id"))
                || !"S256".equals(query.get("code_challenge_method"))
                || query.get("code_challenge") == null
                || query.get("state") == null
                || query.get("redirect_uri") == null) {
            answer(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        GRANTS.put(code, new Grant(query.get("code_challenge"), query.get("redirect_uri"), query.get("client_id")));
        URI back = URI.create(query.get("redirect_uri") + "?code=" + code + "&state="
                + java.net.URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.getResponseHeaders().add("Location", back.toString());
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = GRANTS.remove(String.valueOf(form.get("code")));
        if (grant == null
                || !"authorization_code".equals(form.get("grant_type"))
                || !grant.clientId().equals(form.get("client_id"))
                || !grant.redirectUri().equals(form.get("redirect_uri"))
                || form.get("code_verifier") == null
                || !grant.challenge().equals(s256(form.get("code_verifier")))) {
            answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        VERIFIED_EXCHANGES.incrementAndGet();
        String token = Jwt.issuer(Tokens.ISSUER)
                .subject(USER)
                .claim("preferred_username", USER)
                .groups(Set.of("staff"))
                .claim("jurisdictions", List.of(CityApi.J))
                .audience("open311")
                .expiresIn(600)
                .sign(signingKey());
        answer(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":600}");
    }

    private static PrivateKey signingKey() {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(Path.of("target", "test-jwt", "privateKey.pem")));
        } catch (Exception e) {
            throw new IllegalStateException("the test signing key is made by TestSigningKeys", e);
        }
    }

    static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
