package io.github.open311server.notifications;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.open311server.config.Open311Config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MailTokensTest {

    private static MailTokens tokens(String secret) {
        Open311Config.Mail mail = new Open311Config.Mail() {
            public boolean enabled() {
                return true;
            }

            public boolean send() {
                return true;
            }

            public int workers() {
                return 1;
            }

            public Duration pollInterval() {
                return Duration.ofSeconds(1);
            }

            public Duration retryBase() {
                return Duration.ofSeconds(1);
            }

            public Duration retryMax() {
                return Duration.ofSeconds(1);
            }

            public int maxAttempts() {
                return 1;
            }

            public String defaultLocale() {
                return "en";
            }

            public Optional<String> tokenSecret() {
                return Optional.of(secret);
            }

            public Optional<String> trackingUrl() {
                return Optional.empty();
            }
        };
        Open311Config config = (Open311Config) java.lang.reflect.Proxy.newProxyInstance(
                Open311Config.class.getClassLoader(),
                new Class<?>[] {Open311Config.class},
                (proxy, method, args) -> method.getName().equals("mail") ? mail : null);
        return new MailTokens(config);
    }

    @Test
    void aTokenNamesItsRequestAndAddressAndNothingElseVerifies() {
        MailTokens tokens = tokens("one secret");
        String token = tokens.issue(MailTokens.Purpose.UNSUBSCRIBE, 42, " Ada@Example.org ");
        MailTokens.Subject subject =
                tokens.verify(MailTokens.Purpose.UNSUBSCRIBE, token).orElseThrow();
        assertEquals(42, subject.requestRef());
        assertEquals(MailTokens.emailHash("ada@example.org"), subject.emailHash());

        String[] parts = token.split("\\.");
        for (String forged : List.of(
                "43." + parts[1] + "." + parts[2],
                parts[0] + "." + MailTokens.emailHash("eve@example.org") + "." + parts[2],
                parts[0] + "." + parts[1] + ".AAAA",
                token + ".x",
                "")) {
            assertTrue(tokens.verify(MailTokens.Purpose.UNSUBSCRIBE, forged).isEmpty(), forged);
        }
        assertTrue(
                tokens("another secret")
                        .verify(MailTokens.Purpose.UNSUBSCRIBE, token)
                        .isEmpty(),
                "another key does not verify it");
        assertTrue(tokens.verify(MailTokens.Purpose.SURVEY, token).isEmpty(), "an unsubscribe token opens no survey");
    }
}
