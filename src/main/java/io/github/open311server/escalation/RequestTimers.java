package io.github.open311server.escalation;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.database.TransactionSql;

/**
 * The timers of requests, written in the transaction of the change that sets or clears them, so they
 * survive restarts and never outlive what made them. At most one of each kind per request: setting
 * one again moves it.
 */
@ApplicationScoped
public class RequestTimers {

    /** A timer that came due, claimed by one node's transaction (its row stays locked until that ends). */
    public record Due(long requestRef, TimerKind kind, int step) {}

    @Inject
    TransactionSql sql;

    public void set(long requestRef, TimerKind kind, OffsetDateTime dueAt, int step) {
        setAll(requestRef, Map.of(kind, dueAt), step);
    }

    /** Several timers of one request in one statement: a new request's reminders cost one round trip, not two. */
    public void setAll(long requestRef, Map<TimerKind, OffsetDateTime> dueAt, int step) {
        if (dueAt.isEmpty()) {
            return;
        }
        StringJoiner rows = new StringJoiner(", ");
        List<Object> args = new ArrayList<>();
        dueAt.forEach((kind, due) -> {
            rows.add("(?, ?, ?, ?)");
            args.addAll(List.of(requestRef, kind.wireName(), due, step));
        });
        sql.update(
                "INSERT INTO request_timers (request_ref, kind, due_at, step) VALUES "
                        + rows
                        + " ON CONFLICT (request_ref, kind) DO UPDATE SET due_at = EXCLUDED.due_at, step = EXCLUDED.step",
                args.toArray());
    }

    public void clear(long requestRef, TimerKind kind) {
        sql.update("DELETE FROM request_timers WHERE request_ref = ? AND kind = ?", requestRef, kind.wireName());
    }

    /**
     * Moves a timer that failed to fire to {@code until}, but only if it is still the one that failed
     * (same step, still due): never brings back a timer another node fired or a change moved meanwhile.
     */
    public void postpone(long requestRef, TimerKind kind, int step, OffsetDateTime now, OffsetDateTime until) {
        sql.update("""
                UPDATE request_timers SET due_at = ?
                 WHERE request_ref = ? AND kind = ? AND step = ? AND due_at <= ?""", until, requestRef, kind.wireName(), step, now);
    }

    /** A closed request waits for nothing. */
    public void clearAll(long requestRef) {
        sql.update("DELETE FROM request_timers WHERE request_ref = ?", requestRef);
    }

    /** When the timer comes due. */
    public Optional<OffsetDateTime> dueAt(long requestRef, TimerKind kind) {
        return sql.first(
                "SELECT due_at FROM request_timers WHERE request_ref = ? AND kind = ?",
                row -> row.getObject(1, OffsetDateTime.class),
                requestRef,
                kind.wireName());
    }

    /**
     * Timers due at {@code now}, read without locks: the firing transaction locks the request first and
     * then its timer ({@link #lockIfDue}), the order every change of a request takes, so firing never
     * deadlocks with a staff change of the same request.
     */
    public List<Due> due(OffsetDateTime now, int limit) {
        return sql.list(
                "SELECT request_ref, kind, step FROM request_timers WHERE due_at <= ? ORDER BY due_at LIMIT ?",
                row -> new Due(row.getLong(1), TimerKind.fromWire(row.getString(2)), row.getInt(3)),
                now,
                limit);
    }

    /**
     * Locks the timer when it is still due (under the request's row lock, which the caller holds): empty
     * when another node fired it first, or a change moved or cleared it meanwhile.
     */
    public Optional<Integer> lockIfDue(long requestRef, TimerKind kind, OffsetDateTime now) {
        return sql.first("""
                SELECT step FROM request_timers WHERE request_ref = ? AND kind = ? AND due_at <= ?
                   FOR UPDATE""", row -> row.getInt(1), requestRef, kind.wireName(), now);
    }
}
