package io.github.open311server.escalation;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

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
    EntityManager em;

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
            int first = args.size() + 1;
            rows.add("(?" + first + ", ?" + (first + 1) + ", ?" + (first + 2) + ", ?" + (first + 3) + ")");
            args.addAll(List.of(requestRef, kind.wireName(), due, step));
        });
        Query insert = em.createNativeQuery("INSERT INTO request_timers (request_ref, kind, due_at, step) VALUES "
                + rows
                + " ON CONFLICT (request_ref, kind) DO UPDATE SET due_at = EXCLUDED.due_at, step = EXCLUDED.step");
        for (int i = 0; i < args.size(); i++) {
            insert.setParameter(i + 1, args.get(i));
        }
        insert.executeUpdate();
    }

    public void clear(long requestRef, TimerKind kind) {
        em.createNativeQuery("DELETE FROM request_timers WHERE request_ref = ?1 AND kind = ?2")
                .setParameter(1, requestRef)
                .setParameter(2, kind.wireName())
                .executeUpdate();
    }

    /**
     * Moves a timer that failed to fire to {@code until}, but only if it is still the one that failed
     * (same step, still due): never brings back a timer another node fired or a change moved meanwhile.
     */
    public void postpone(long requestRef, TimerKind kind, int step, OffsetDateTime now, OffsetDateTime until) {
        em.createNativeQuery("""
                        UPDATE request_timers SET due_at = ?1
                         WHERE request_ref = ?2 AND kind = ?3 AND step = ?4 AND due_at <= ?5""")
                .setParameter(1, until)
                .setParameter(2, requestRef)
                .setParameter(3, kind.wireName())
                .setParameter(4, step)
                .setParameter(5, now)
                .executeUpdate();
    }

    /** A closed request waits for nothing. */
    public void clearAll(long requestRef) {
        em.createNativeQuery("DELETE FROM request_timers WHERE request_ref = ?1")
                .setParameter(1, requestRef)
                .executeUpdate();
    }

    /** When the timer comes due, as the column reads (Instant or OffsetDateTime, see Datetimes.formatColumn). */
    public Optional<Object> dueAt(long requestRef, TimerKind kind) {
        @SuppressWarnings("unchecked")
        List<Object> due = em.createNativeQuery(
                        "SELECT due_at FROM request_timers WHERE request_ref = ?1 AND kind = ?2")
                .setParameter(1, requestRef)
                .setParameter(2, kind.wireName())
                .getResultList();
        return due.stream().findFirst();
    }

    /**
     * Timers due at {@code now}, read without locks: the firing transaction locks the request first and
     * then its timer ({@link #lockIfDue}), the order every change of a request takes, so firing never
     * deadlocks with a staff change of the same request.
     */
    @SuppressWarnings("unchecked")
    public List<Due> due(OffsetDateTime now, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT request_ref, kind, step FROM request_timers
                         WHERE due_at <= ?1 ORDER BY due_at LIMIT ?2""")
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
        return rows.stream()
                .map(r -> new Due(
                        ((Number) r[0]).longValue(), TimerKind.fromWire((String) r[1]), ((Number) r[2]).intValue()))
                .toList();
    }

    /**
     * Locks the timer when it is still due (under the request's row lock, which the caller holds): empty
     * when another node fired it first, or a change moved or cleared it meanwhile.
     */
    public Optional<Integer> lockIfDue(long requestRef, TimerKind kind, OffsetDateTime now) {
        @SuppressWarnings("unchecked")
        List<Object> step = em.createNativeQuery("""
                        SELECT step FROM request_timers WHERE request_ref = ?1 AND kind = ?2 AND due_at <= ?3
                           FOR UPDATE""")
                .setParameter(1, requestRef)
                .setParameter(2, kind.wireName())
                .setParameter(3, now)
                .getResultList();
        return step.stream().findFirst().map(s -> ((Number) s).intValue());
    }
}
