package io.github.open311server.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.open311server.web.Open311Exception;

/**
 * Events in commit order for readers that poll. Ids alone are not a safe cursor: an event with a
 * lower id can commit after one with a higher id, and a reader past it would never see it. So events
 * are read in (writing transaction, id) order and only from transactions older than the oldest one
 * still running; whatever commits later has a larger transaction id than anything already read.
 */
@ApplicationScoped
public class EventFeed {

    private static final String PAGE = """
            SELECT txid::text, id, payload::text FROM events
             WHERE jurisdiction_ref = ? AND txid < pg_snapshot_xmin(pg_current_snapshot())
               AND (txid, id) > (CAST(? AS xid8), ?)
             ORDER BY txid, id LIMIT ?""";

    /** A position in the feed: the last event read. */
    public record Cursor(String txid, long id) {

        static final Cursor START = new Cursor("0", 0);

        public static Cursor parse(String text) {
            if (text == null) {
                return START;
            }
            String[] parts = text.split("-");
            if (parts.length != 2 || !parts[0].matches("\\d{1,19}") || !parts[1].matches("\\d{1,19}")) {
                throw Open311Exception.badRequest("after must be the next_after of an earlier answer");
            }
            try {
                return new Cursor(parts[0], Long.parseLong(parts[1]));
            } catch (NumberFormatException e) {
                throw Open311Exception.badRequest("after must be the next_after of an earlier answer");
            }
        }

        public String encode() {
            return txid + "-" + id;
        }
    }

    public record Page(List<JsonNode> events, Cursor next) {}

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    private final Object committed = new Object();

    public Page after(long jurisdictionRef, Cursor after, int limit) {
        List<JsonNode> events = new ArrayList<>();
        Cursor next = after;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(PAGE)) {
            s.setLong(1, jurisdictionRef);
            s.setString(2, after.txid());
            s.setLong(3, after.id());
            s.setInt(4, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(json.readTree(rs.getString(3)));
                    next = new Cursor(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Event feed read failed", e);
        }
        return new Page(events, next);
    }

    /** Waits up to {@code millis} for events after the cursor; woken by local commits, polling for other nodes'. */
    public Page awaitAfter(long jurisdictionRef, Cursor after, int limit, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        Page page = after(jurisdictionRef, after, limit);
        while (page.events().isEmpty()) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return page;
            }
            synchronized (committed) {
                try {
                    committed.wait(Math.min(left, 1000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return page;
                }
            }
            page = after(jurisdictionRef, after, limit);
        }
        return page;
    }

    void eventsCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventsWritten written) {
        synchronized (committed) {
            committed.notifyAll();
        }
    }
}
