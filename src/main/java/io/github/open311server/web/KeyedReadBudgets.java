package io.github.open311server.web;

import java.util.Optional;

/**
 * The budget a GET that names an {@code api_key} is counted against, when the key is live: implemented where API
 * clients live ({@code clients}), so this guard layer needs no knowledge of them. Called off the event loop.
 */
public interface KeyedReadBudgets {

    /** A shared counter's bucket and its limit per minute. */
    record Budget(String bucket, long perMinute) {}

    Optional<Budget> of(String apiKey);
}
