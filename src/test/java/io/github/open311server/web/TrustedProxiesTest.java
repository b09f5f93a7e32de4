package io.github.open311server.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustedProxiesTest {

    private final TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

    @Test
    void rangesMatchByPrefix() {
        assertTrue(proxies.isTrusted("10.200.3.4"));
        assertTrue(proxies.isTrusted("192.168.1.7"));
        assertFalse(proxies.isTrusted("192.168.1.8"));
        assertFalse(proxies.isTrusted("11.0.0.1"));
        assertTrue(proxies.isTrusted("fd12::1"));
        assertFalse(proxies.isTrusted("fe80::1"));
        assertFalse(proxies.isTrusted("proxy.example"), "names are never looked up");
    }

    @Test
    void theClientIsTheFirstUntrustedHopFromTheRight() {
        // the client may prepend anything it likes; only what trusted proxies appended counts
        List<String> hops = List.of("6.6.6.6", "203.0.113.9", "10.1.1.1");
        assertEquals("203.0.113.9", proxies.clientAddress("10.0.0.2", hops));
        assertEquals("198.51.100.4", proxies.clientAddress("198.51.100.4", hops), "an untrusted peer is the client");
        assertEquals("10.0.0.2", proxies.clientAddress("10.0.0.2", List.of()), "a proxy that forwards nothing");
    }

    @Test
    void noProxyIsTrustedByDefault() {
        TrustedProxies none = new TrustedProxies(List.of());
        assertFalse(none.isTrusted("127.0.0.1"));
        assertEquals("127.0.0.1", none.clientAddress("127.0.0.1", List.of("203.0.113.9")));
    }

    @Test
    void aRangeThatIsNotAnAddressStopsTheStart() {
        assertThrows(IllegalArgumentException.class, () -> new TrustedProxies(List.of("proxy.example")));
    }
}
