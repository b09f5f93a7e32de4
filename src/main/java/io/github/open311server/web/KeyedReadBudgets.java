package io.github.open311server.web;

import java.util.Optional;

/**
 * The budget a GET that names a live {@code api_key} is counted against: implemented where API clients live
 * ({@code clients}), so this guard layer needs no knowledge of them.
 */
public interface KeyedReadBudgets {

    /** A shared counter's bucket and its limit per minute. */
    record Budget(String bucket, long perMinute) {}

    /** The budget of a key this node already knows; never reads the database (called on the event loop). */
    Optional<Budget> known(String apiKey);

    /** Reads the key's client, so that {@link #known} knows it from now on; called off the event loop. */
    void learn(String apiKey);
}
