package io.github.open311server.web;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Per-minute counters that every node shares through PostgreSQL, for rate limits. A hit is decided in memory,
 * against the city-wide count last read plus this node's hits not yet written; every {@value #SYNC_MILLIS} ms
 * each node adds its new hits to {@code rate_limit_counts} in one statement and reads back the totals. No
 * request waits for the database, and a limit holds across nodes to within half a second of traffic. Windows
 * are fixed minutes (UTC); a refused hit is not counted.
 */
@ApplicationScoped
public class SharedCounters {

    static final long SYNC_MILLIS = 500;

    private static final Logger LOG = Logger.getLogger(SharedCounters.class);

    /** Buckets held at most; beyond, the ones of past minutes are dropped first (addresses sprayed at us). */
    private static final int MAX_BUCKETS = 200_000;

    @Inject
    DataSource dataSource;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private ScheduledExecutorService sync;
    private long cleanedMinute;

    /** One bucket in one minute: the total last read from the database, and this node's hits since. */
    private static final class Counter {
        final long minute;
        volatile long shared;
        final AtomicLong unsynced = new AtomicLong();

        Counter(long minute) {
            this.minute = minute;
        }
    }

    void start(@Observes StartupEvent startup) {
        sync = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "open311-rate-limit-sync");
            thread.setDaemon(true);
            return thread;
        });
        sync.scheduleWithFixedDelay(this::syncQuietly, SYNC_MILLIS, SYNC_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (sync != null) {
            sync.shutdown();
            syncQuietly(); // this node's last hits still count for the others
        }
    }

    /** Counts a hit unless the bucket has {@code limit} this minute; 0 when counted, else seconds to wait. */
    public long hit(String bucket, long limit) {
        long now = System.currentTimeMillis();
        long minute = now / 60_000;
        if (counters.size() > MAX_BUCKETS) {
            counters.values().removeIf(c -> c.minute < minute);
        }
        Counter counter = counters.compute(bucket, (k, c) -> c == null || c.minute != minute ? new Counter(minute) : c);
        while (true) {
            long unsynced = counter.unsynced.get();
            if (counter.shared + unsynced >= limit) {
                return Math.max(1, ((minute + 1) * 60_000 - now + 999) / 1000);
            }
            if (counter.unsynced.compareAndSet(unsynced, unsynced + 1)) {
                return 0;
            }
        }
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("rate limit counts not shared this time: %s", e.getMessage()); // kept, added next time
        }
    }

    /** Adds every bucket's new hits of the current minute and reads back the totals; forgets past minutes. */
    synchronized void sync() throws SQLException {
        long minute = System.currentTimeMillis() / 60_000;
        counters.values().removeIf(c -> c.minute < minute - 1);
        List<String> buckets = new ArrayList<>();
        List<Long> deltas = new ArrayList<>();
        List<Counter> taken = new ArrayList<>();
        counters.forEach((bucket, counter) -> {
            if (counter.minute == minute) {
                buckets.add(bucket);
                deltas.add(counter.unsynced.get());
                taken.add(counter);
            }
        });
        if (buckets.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                // a bucket with new hits is added to (one row version per sync); one without is only read
                PreparedStatement statement = connection.prepareStatement("""
                        WITH added AS (
                            INSERT INTO rate_limit_counts (bucket, window_start, count)
                            SELECT b, ?, d FROM unnest(?::text[], ?::bigint[]) AS t(b, d) WHERE d > 0
                            ON CONFLICT (bucket, window_start)
                            DO UPDATE SET count = rate_limit_counts.count + EXCLUDED.count
                            RETURNING bucket, count)
                        SELECT bucket, count FROM added
                        UNION ALL
                        SELECT c.bucket, c.count FROM rate_limit_counts c
                         WHERE c.window_start = ? AND c.bucket = ANY (?::text[])
                           AND c.bucket NOT IN (SELECT bucket FROM added)""")) {
            OffsetDateTime window = OffsetDateTime.ofInstant(Instant.ofEpochMilli(minute * 60_000), ZoneOffset.UTC);
            Array names = connection.createArrayOf("text", buckets.toArray());
            statement.setObject(1, window);
            statement.setArray(2, names);
            statement.setArray(3, connection.createArrayOf("bigint", deltas.toArray()));
            statement.setObject(4, window);
            statement.setArray(5, names);
            Map<String, Long> totals = new java.util.HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    totals.put(rows.getString(1), rows.getLong(2));
                }
            }
            for (int i = 0; i < taken.size(); i++) {
                Counter counter = taken.get(i);
                // the written hits now belong to the total; hits made meanwhile stay unsynced
                counter.unsynced.addAndGet(-deltas.get(i));
                counter.shared = totals.getOrDefault(buckets.get(i), counter.shared);
            }
        }
        if (minute % 5 == 0 && cleanedMinute != minute) { // past windows, once every five minutes
            cleanedMinute = minute;
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement =
                            connection.prepareStatement("DELETE FROM rate_limit_counts WHERE window_start < ?")) {
                statement.setObject(
                        1, OffsetDateTime.ofInstant(Instant.ofEpochMilli((minute - 2) * 60_000), ZoneOffset.UTC));
                statement.executeUpdate();
            }
        }
    }
}
