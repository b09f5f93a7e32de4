package io.github.open311server.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The server's clock in tests: the real time, moved forward by what a test asks for, so timers
 * (escalations, reminders) come due without waiting. Tests that move it put it back with
 * {@link #reset()} when they end; the other tests see the real time.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private static final AtomicReference<Duration> AHEAD = new AtomicReference<>(Duration.ZERO);

    public static void advance(Duration by) {
        AHEAD.updateAndGet(d -> d.plus(by));
    }

    public static void reset() {
        AHEAD.set(Duration.ZERO);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), AHEAD.get());
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(AHEAD.get());
    }
}
