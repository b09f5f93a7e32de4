package io.github.open311server.requests.lifecycle;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.events.EventTypes;
import io.github.open311server.events.Outbox;
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

    /** Stores a new request and its "created" entry; requested and updated datetimes are the same instant. */
    public HistoryEntryEntity created(ServiceRequestEntity request, String actor) {
        request.updatedDatetime = request.requestedDatetime;
        request.persist();
        Map<String, Object> initial = new LinkedHashMap<>();
        initial.put("status", request.status);
        initial.put("detailed_status", request.detailedStatus);
        HistoryEntryEntity entry =
                write(request, request.requestedDatetime, "created", initial, "Request opened", true, actor);
        ServiceRequestEntity.getEntityManager().flush();
        outbox.request(
                request,
                EventTypes.REQUEST_CREATED,
                initial,
                null,
                null,
                actor,
                mailPlan.forChange(EventTypes.REQUEST_CREATED, initial, null));
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
        HistoryEntryEntity internalEntry = null;
        if (transition.internalNote() != null) {
            internalEntry = write(
                    request, now, "internal_note", Map.of(), transition.internalNote(), false, transition.actor());
        }
        request.updatedDatetime = now;
        request.version++;
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
                    mailPlan.forChange(type, transition.changes(), transition.publicNote()));
        } else if (internalNote != null) { // nothing a receiver of public events may see
            outbox.internalNote(request, internalNote, transition.actor());
        }
        return publicEntry;
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
