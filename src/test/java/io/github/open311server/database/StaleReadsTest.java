package io.github.open311server.database;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the replica may serve a stale read: it answers, and its replay lag is within the bound. */
class StaleReadsTest {

    private static final Duration BOUND = Duration.ofSeconds(5);

    @Test
    void theReplicaServesOnlyWithinTheBound() {
        assertTrue(StaleReads.usable(true, 0, BOUND));
        assertTrue(StaleReads.usable(true, 5.0, BOUND));
        assertFalse(StaleReads.usable(true, 5.001, BOUND), "beyond the bound: the primary");
        assertFalse(StaleReads.usable(false, 0, BOUND), "not answering: the primary");
        assertFalse(StaleReads.usable(true, Double.NaN, BOUND), "lag unknown: the primary");
    }
}
