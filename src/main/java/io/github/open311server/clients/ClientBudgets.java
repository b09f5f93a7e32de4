package io.github.open311server.clients;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

import io.github.open311server.config.Open311Config;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.SharedCounters;
import io.github.open311server.web.TrustedProxies;

/**
 * What one client may spend before it is told to wait (429 with Retry-After): failed API key checks
 * per client address and minute (so keys cannot be guessed at thousands a second), and photo bytes
 * per API key and hour (so a leaked or published key cannot fill the disk). Counted in fixed windows
 * in this node's memory. POSTs per API key and minute are counted across every node ({@link SharedCounters}).
 */
@ApplicationScoped
public class ClientBudgets {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;

    @Inject
    Open311Config config;

    @Inject
    CurrentVertxRequest request;

    @Inject
    TrustedProxies proxies;

    @Inject
    SharedCounters counters;

    private final Map<String, Window> failedKeys = new ConcurrentHashMap<>();
    private final Map<Long, Window> uploads = new ConcurrentHashMap<>();

    /** A counter that starts over when its window has passed. */
    private static final class Window {
        final long start;
        final AtomicLong used = new AtomicLong();

        Window(long start) {
            this.start = start;
        }
    }

    /** Refuses a key check from an address that already failed too often this minute. */
    public void checkKeyAttemptsAllowed() {
        Window window = current(failedKeys, address(), MINUTE);
        if (window.used.get() >= config.guard().failedKeysPerMinute()) {
            throw tooMany("Too many failed api_key checks from this address", window, MINUTE);
        }
    }

    public void recordFailedKey() {
        current(failedKeys, address(), MINUTE).used.incrementAndGet();
    }

    /**
     * Counts a POST of an API client against its budget per minute (its own, else the server's default),
     * across every node; over it, a 429 with Retry-After.
     */
    public void chargePost(ApiClientEntity client) {
        var limits = config.rateLimits();
        if (!limits.enabled()) {
            return;
        }
        long limit = client.postsPerMinute != null ? client.postsPerMinute : limits.postsPerKeyPerMinute();
        long wait = counters.hit("key:write:" + client.id, limit);
        if (wait > 0) {
            throw tooMany("This api_key has made its " + limit + " posts of this minute", wait);
        }
    }

    /** Charges photo bytes to a key; over the hourly budget nothing is charged and the POST is refused. */
    public void chargeUploads(long apiClientId, long bytes) {
        if (bytes <= 0) {
            return;
        }
        Window window = current(uploads, apiClientId, HOUR);
        long limit = config.guard().uploadBytesPerKeyPerHour().asLongValue();
        if (window.used.addAndGet(bytes) > limit) {
            window.used.addAndGet(-bytes);
            throw tooMany("This api_key has uploaded its hourly photo volume", window, HOUR);
        }
    }

    private static <K> Window current(Map<K, Window> windows, K key, long length) {
        long now = System.currentTimeMillis();
        if (windows.size() > 100_000) {
            windows.values().removeIf(w -> now - w.start >= length); // bounded memory under address spraying
        }
        return windows.compute(key, (k, w) -> w == null || now - w.start >= length ? new Window(now) : w);
    }

    private static Open311Exception tooMany(String description, Window window, long length) {
        return tooMany(description, Math.max(1, (window.start + length - System.currentTimeMillis() + 999) / 1000));
    }

    private static Open311Exception tooMany(String description, long seconds) {
        return new Open311Exception(
                429,
                List.of(description + "; retry in " + seconds + " s"),
                Map.of("Retry-After", String.valueOf(seconds)));
    }

    private String address() {
        return request.getCurrent() == null
                ? "unknown"
                : proxies.clientAddress(request.getCurrent().request());
    }
}
