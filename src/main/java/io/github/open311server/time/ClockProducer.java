package io.github.open311server.time;

import java.time.Clock;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

/** One clock for the whole server, so tests can reason about "now". */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
