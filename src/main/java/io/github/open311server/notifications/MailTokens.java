package io.github.open311server.notifications;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.github.open311server.clients.Sha256;
import io.github.open311server.config.Open311Config;

/**
 * The token of a link in a citizen's mail (unsubscribe, survey): which request and which address (as
 * its hash), signed with HMAC-SHA256 together with what the link is for, so nobody can opt someone
 * else out, answer for them or guess a link, and a token of one link does not open the other. No
 * account, no database lookup to check it: {@code <request ref>.<email hash>.<signature>}, base64url.
 */
@Singleton
public class MailTokens {

    private static final Logger LOG = Logger.getLogger(MailTokens.class);

    /** What a link is for; part of what is signed. */
    public enum Purpose {
        UNSUBSCRIBE,
        SURVEY
    }

    /** What a valid token names. */
    public record Subject(long requestRef, String emailHash) {}

    private final byte[] key;

    @Inject
    public MailTokens(Open311Config config) {
        this.key = config.mail()
                .tokenSecret()
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> {
                    LOG.warn(
                            "open311.mail.token-secret is not set: unsubscribe and survey links stop working after a restart");
                    byte[] random = new byte[32];
                    new SecureRandom().nextBytes(random);
                    return random;
                });
    }

    public static String emailHash(String email) {
        return Sha256.hex(email.strip().toLowerCase(Locale.ROOT));
    }

    public String issue(Purpose purpose, long requestRef, String email) {
        String payload = requestRef + "." + emailHash(email);
        return payload + "." + sign(purpose, payload);
    }

    public Optional<Subject> verify(Purpose purpose, String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3 || !parts[0].matches("\\d{1,19}") || !parts[1].matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1];
        boolean valid = MessageDigest.isEqual(
                sign(purpose, payload).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII));
        return valid ? Optional.of(new Subject(Long.parseLong(parts[0]), parts[1])) : Optional.empty();
    }

    private String sign(Purpose purpose, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal((purpose.name() + ":" + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
