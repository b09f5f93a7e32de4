package io.github.open311server.events;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundTargetsTest {

    @Test
    void internalAddressesAreRefusedUnlessAnAddressOrRangeAllowsThem() {
        OutboundTargets none = new OutboundTargets(List.of(), false);
        assertFalse(none.check("http://10.1.2.3/hook").allowed());
        assertFalse(none.check("http://127.0.0.1:8080/hook").allowed());
        assertFalse(none.check("http://[fd12::1]/hook").allowed());

        OutboundTargets ranges = new OutboundTargets(List.of("10.1.0.0/16", "fd12::/16", "127.0.0.1"), false);
        assertTrue(ranges.check("http://10.1.2.3/hook").allowed());
        assertFalse(ranges.check("http://10.2.2.3/hook").allowed(), "outside the /16");
        assertTrue(ranges.check("http://[fd12::1]/hook").allowed());
        assertFalse(ranges.check("http://[fd13::1]/hook").allowed());
        assertTrue(ranges.check("http://127.0.0.1:8080/hook").allowed());
        assertFalse(ranges.check("http://127.0.0.2:8080/hook").allowed());
    }

    @Test
    void theCheckedAddressIsTheOneADeliveryConnectsTo() {
        OutboundTargets targets = new OutboundTargets(List.of("10.1.0.0/16"), false);
        OutboundTargets.Target target = targets.check("http://10.1.2.3:9000/hook");
        assertEquals("10.1.2.3", target.address().getHostAddress());
        assertEquals(9000, target.uri().getPort());
    }

    @Test
    void httpsIsRequiredOutsideTheDemoAndABadRangeStopsTheStart() {
        OutboundTargets strict = new OutboundTargets(List.of("10.0.0.0/8"), true);
        assertEquals("url must use https", strict.check("http://10.1.2.3/hook").refusal());
        assertTrue(strict.check("https://10.1.2.3/hook").allowed());
        assertThrows(IllegalArgumentException.class, () -> new OutboundTargets(List.of("10.0.0.0/99"), true));
        assertThrows(IllegalArgumentException.class, () -> new OutboundTargets(List.of("10.0.0.0/x"), true));
    }
}
