package io.github.open311server.requests.lifecycle;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.events.EventTypes;
import io.github.open311server.events.Outbox;
import io.github.open311server.events.QueuedMail;
import io.github.open311server.notifications.MailPlan;
import io.github.open311server.requests.HistoryEntryEntity;
import io.github.open311server.requests.ServiceRequestEntity;
import io.github.open311server.time.Datetimes;

/**
 * The one write path of a request's life. Filing, staff changes, duplicates and pushed updates all
 * end here, inside their transaction: it touches {@code updated_datetime}, bumps the version (so a
 * note-only change also invalidates what others have loaded) and writes the history rows. Whatever
 * must follow every change has exactly one place to hook into: the outbox event, and the mail it
 * causes, are written here.
 */
@ApplicationScoped
public class RequestJournal {

    @Inject
    Datetimes datetimes;

    @Inject
    Outbox outbox;

    @Inject
    MailPlan mailPlan;

    @Inject
    FollowUps followUps;

    /** The actor of what the server does by itself when time passes (escalations, reminders). */
    static final String SYSTEM = "system:follow-up";

    /**
     * Stores a new request and its "created" entry; requested and updated datetimes are the same instant.
     * Sets its timers: the escalation chain of its priority (whose on-call staff are told at once, with
     * the event) and the jurisdiction's reminders.
     */
    public HistoryEntryEntity created(ServiceRequestEntity request, String actor) {
        request.updatedDatetime = request.requestedDatetime;
        if ("closed".equals(request.status)) {
            request.closedAt = request.requestedDatetime;
        }
        request.persist();
        Map<String, Object> initial = new LinkedHashMap<>();
        initial.put("status", request.status);
        initial.put("detailed_status", request.detailedStatus);
        HistoryEntryEntity entry =
                write(request, request.requestedDatetime, "created", initial, "Request opened", true, actor);
        ServiceRequestEntity.getEntityManager().flush();
        List<QueuedMail> mails = new ArrayList<>(mailPlan.forChange(EventTypes.REQUEST_CREATED, initial, null));
        if (followUps.startChain(request)) {
            mails.addAll(mailPlan.onCallAlert());
        }
        followUps.remindersOfNew(request);
        outbox.request(request, EventTypes.REQUEST_CREATED, initial, null, null, actor, mails);
        return entry;
    }

    /** Applies a transition to a loaded (and locked) request; returns its public entry, or null when there is none. */
    public HistoryEntryEntity apply(ServiceRequestEntity request, Transition transition) {
        OffsetDateTime now = datetimes.now();
        HistoryEntryEntity publicEntry = null;
        if (!transition.changes().isEmpty() || transition.publicNote() != null) {
            publicEntry = write(
                    request,
                    now,
                    transition.action(),
                    transition.changes(),
                    transition.publicNote(),
                    true,
                    transition.actor());
        }
        boolean message = transition.action().equals(Transition.MESSAGE);
        HistoryEntryEntity internalEntry = null;
        if (transition.internalNote() != null) {
            internalEntry = write(
                    request,
                    now,
                    message ? Transition.MESSAGE : "internal_note",
                    Map.of(),
                    transition.internalNote(),
                    false,
                    transition.actor());
        }
        request.updatedDatetime = now;
        request.version++;
        closedOrReopened(request, transition, now);
        followUps.changed(request, transition, now);
        ServiceRequestEntity.getEntityManager().flush();
        Long internalNote = internalEntry == null ? null : internalEntry.id;
        if (publicEntry != null) {
            String type = EventTypes.ofAction(transition.action());
            outbox.request(
                    request,
                    type,
                    transition.changes(),
                    transition.publicNote(),
                    internalNote,
                    transition.actor(),
                    message
                            ? mailPlan.message()
                            : mailPlan.forChange(type, transition.changes(), transition.publicNote()));
        } else if (internalNote != null) { // nothing a receiver of public events may see
            outbox.internalNote(request, internalNote, transition.actor(), message ? mailPlan.message() : List.of());
        }
        return publicEntry;
    }

    /** Keeps {@code closed_at} and {@code reopen_count} in step with the status a transition moved. */
    private static void closedOrReopened(ServiceRequestEntity request, Transition transition, OffsetDateTime now) {
        if (!transition.changes().containsKey("status")) {
            return;
        }
        if ("closed".equals(request.status)) {
            request.closedAt = now;
        } else if (request.closedAt != null) {
            request.closedAt = null;
            request.reopenCount++;
        }
    }

    /**
     * Nobody acknowledged the request in time: raises its escalation level and tells the supervisors,
     * in an internal history entry and an event for staff views. Like {@link #annotate}, the version
     * stays: whoever is editing the request must not get a conflict for the city's own alarm.
     */
    public void escalated(ServiceRequestEntity request, int level, String note) {
        Map<String, Object> changes = Map.of("escalation_level", Map.of("from", request.escalationLevel, "to", level));
        request.escalationLevel = level;
        HistoryEntryEntity entry = write(request, datetimes.now(), "escalated", changes, note, false, SYSTEM);
        ServiceRequestEntity.getEntityManager().flush();
        outbox.staffOnly(
                request,
                EventTypes.REQUEST_ESCALATED,
                changes,
                Map.of("escalation_level", level),
                entry.id,
                SYSTEM,
                mailPlan.escalation());
    }

    /** Reminds the responsible department of a request ({@code reason}: still_received or overdue). */
    public void reminded(ServiceRequestEntity request, String reason, String note) {
        HistoryEntryEntity entry =
                write(request, datetimes.now(), "reminder", Map.of("reminder", reason), note, false, SYSTEM);
        ServiceRequestEntity.getEntityManager().flush();
        outbox.staffOnly(
                request,
                EventTypes.REQUEST_REMINDER,
                Map.of(),
                Map.of("reminder", reason),
                entry.id,
                SYSTEM,
                mailPlan.reminder());
    }

    /**
     * Adds a public history entry without changing the request itself, as when a duplicate is merged
     * into it: none of its fields moved, so whoever is editing it must not get a version conflict.
     */
    public HistoryEntryEntity annotate(ServiceRequestEntity request, Transition transition) {
        return write(
                request,
                datetimes.now(),
                transition.action(),
                transition.changes(),
                transition.publicNote(),
                true,
                transition.actor());
    }

    private static HistoryEntryEntity write(
            ServiceRequestEntity request,
            OffsetDateTime at,
            String action,
            Map<String, Object> changes,
            String note,
            boolean visibleToPublic,
            String actor) {
        HistoryEntryEntity entry = new HistoryEntryEntity();
        entry.requestRef = request.id;
        entry.changedAt = at;
        entry.actor = actor;
        entry.action = action;
        entry.changes = changes;
        entry.note = note;
        entry.visibleToPublic = visibleToPublic;
        entry.persist();
        return entry;
    }
}
