package io.github.open311server.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.github.open311server.support.RawHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With the test client's address named as a trusted proxy, its forwarding headers shape published URLs. */
@QuarkusTest
@TestProfile(BehindAProxyTest.LoopbackProxy.class)
class BehindAProxyTest {

    public static class LoopbackProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("open311.guard.trusted-proxies", "127.0.0.1,::1");
        }
    }

    @Test
    void discoveryPublishesTheUrlTheProxyWasReachedUnder() throws Exception {
        RawHttp.Answer answer = RawHttp.send(
                "GET",
                "/open311/discovery.json",
                Map.of("X-Forwarded-Host", "311.city.example", "X-Forwarded-Proto", "https"),
                null);
        assertEquals(200, answer.status());
        assertTrue(answer.text().contains("https://311.city.example/open311/v2"), answer.text());
    }

    @Test
    void theStandardForwardedHeaderCountsToo() throws Exception {
        RawHttp.Answer answer = RawHttp.send(
                "GET",
                "/open311/discovery.json",
                Map.of("Forwarded", "for=203.0.113.9;proto=https;host=\"api.city.example:8443\""),
                null);
        assertTrue(answer.text().contains("https://api.city.example:8443/open311/v2"), answer.text());
    }

    @Test
    void aForwardedHostThatIsNotAHostIsIgnored() throws Exception {
        RawHttp.Answer answer = RawHttp.send(
                "GET",
                "/open311/discovery.json",
                Map.of("X-Forwarded-Host", "evil.example/phish?x=", "X-Forwarded-Proto", "https"),
                null);
        assertTrue(answer.text().contains("127.0.0.1:" + RawHttp.PORT), answer.text());
    }
}
