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
            SELECT e.txid::text, e.id, %s FROM events e
             WHERE e.jurisdiction_ref = ? AND e.txid < pg_snapshot_xmin(pg_current_snapshot())
               AND (e.txid, e.id) > (CAST(? AS xid8), ?) AND (? OR NOT e.staff_only)
             ORDER BY e.txid, e.id LIMIT ?""".formatted(StaffSection.payload("CAST(? AS boolean)"));

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

    /** {@code staffView}: with the staff section and staff-only events (for clients allowed personal data). */
    public Page after(long jurisdictionRef, Cursor after, int limit, boolean staffView) {
        List<JsonNode> events = new ArrayList<>();
        Cursor next = after;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(PAGE)) {
            s.setBoolean(1, staffView);
            s.setLong(2, jurisdictionRef);
            s.setString(3, after.txid());
            s.setLong(4, after.id());
            s.setBoolean(5, staffView);
            s.setInt(6, limit);
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
    public Page awaitAfter(long jurisdictionRef, Cursor after, int limit, boolean staffView, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        Page page = after(jurisdictionRef, after, limit, staffView);
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
            page = after(jurisdictionRef, after, limit, staffView);
        }
        return page;
    }

    void eventsCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventsWritten written) {
        synchronized (committed) {
            committed.notifyAll();
        }
    }
}
