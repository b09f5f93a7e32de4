package io.github.open311server.requests.lifecycle;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.Priority;
import io.github.open311server.media.MediaStorage;
import io.github.open311server.media.Photos;
import io.github.open311server.requests.ServiceRequestEntity;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.Texts;

import static io.github.open311server.requests.lifecycle.Changes.checkVersion;
import static io.github.open311server.requests.lifecycle.Changes.fromTo;
import static io.github.open311server.requests.lifecycle.Changes.limit;

/**
 * Moves a request through its life: status, notes, agency, expected datetime, duplicates. Every change
 * is written to the history with who made it, and versioned: a change made against an old version is
 * refused (see {@link ExpectedVersion}) instead of silently overwriting someone else's.
 */
@ApplicationScoped
public class RequestLifecycle {

    @Inject
    MediaStorage mediaStorage;

    /** Media of one request in all: the citizen's (at most 10 URLs and 5 uploads) and the staff's photos. */
    private static final int MAX_MEDIA = 15;

    @Inject
    Datetimes datetimes;

    @Inject
    RequestJournal journal;

    public ServiceRequestEntity find(Jurisdiction jurisdiction, String serviceRequestId) {
        return find(jurisdiction, serviceRequestId, LockModeType.NONE);
    }

    /**
     * Loads a request to change it. The row lock makes concurrent changes queue up, so the second one
     * sees the version the first produced and gets its 409 instead of overwriting.
     */
    public ServiceRequestEntity findForUpdate(Jurisdiction jurisdiction, String serviceRequestId) {
        return find(jurisdiction, serviceRequestId, LockModeType.PESSIMISTIC_WRITE);
    }

    private ServiceRequestEntity find(Jurisdiction jurisdiction, String serviceRequestId, LockModeType lock) {
        ServiceRequestEntity request = ServiceRequestEntity.<ServiceRequestEntity>find(
                        "jurisdictionRef = ?1 and serviceRequestId = ?2", jurisdiction.id(), serviceRequestId)
                .withLock(lock)
                .firstResult();
        if (request == null) {
            throw Open311Exception.notFound("service_request_id '" + serviceRequestId + "' not found");
        }
        return request;
    }

    @Transactional
    public ServiceRequestEntity change(
            Jurisdiction jurisdiction,
            String serviceRequestId,
            ChangeInput change,
            ExpectedVersion expectedVersion,
            String actor) {
        return change(jurisdiction, serviceRequestId, change, List.of(), expectedVersion, actor);
    }

    /**
     * A change with photos (the photo of the fix): checked like a citizen's, stripped of their metadata,
     * published with the request and linked from the change's public history entry and its event.
     */
    public ServiceRequestEntity change(
            Jurisdiction jurisdiction,
            String serviceRequestId,
            ChangeInput change,
            List<Photos.Photo> photos,
            ExpectedVersion expectedVersion,
            String actor) {
        ServiceRequestEntity request = findForUpdate(jurisdiction, serviceRequestId);
        checkVersion(request, expectedVersion);
        List<String> problems = new ArrayList<>();
        DetailedStatus status = change.detailedStatus() == null
                ? null
                : DetailedStatus.fromWire(change.detailedStatus()).orElse(null);
        if (change.detailedStatus() != null && status == null) {
            problems.add("detailed_status must be one of "
                    + Arrays.stream(DetailedStatus.values())
                            .filter(d -> d != DetailedStatus.DUPLICATE)
                            .map(DetailedStatus::wireName)
                            .toList());
        }
        if (status == DetailedStatus.DUPLICATE) {
            problems.add("use POST .../duplicate to mark a duplicate, so it points to the original");
        }
        limit(change.statusNotes(), "status_notes", 4000, problems);
        limit(change.publicNote(), "public_note", 4000, problems);
        limit(change.internalNote(), "internal_note", 4000, problems);
        limit(change.agencyResponsible(), "agency_responsible", 255, problems);
        Priority priority = change.priority() == null
                ? null
                : Priority.fromWire(change.priority().strip()).orElse(null);
        if (change.priority() != null && priority == null) {
            problems.add("priority must be normal, high or emergency");
        }
        OffsetDateTime expected = null;
        if (change.expectedDatetime() != null && !change.expectedDatetime().isBlank()) {
            try {
                expected = datetimes.parse("expected_datetime", change.expectedDatetime());
            } catch (Open311Exception e) {
                problems.add(e.errors().get(0).description());
            }
        }
        if (!problems.isEmpty()) {
            throw Open311Exception.badRequest(problems);
        }

        Map<String, Object> changes = new LinkedHashMap<>();
        if (status != null) {
            moveTo(request, status, changes);
        }
        String notes = Texts.clean(change.statusNotes());
        if (change.statusNotes() != null && !Objects.equals(notes, request.statusNotes)) {
            changes.put("status_notes", fromTo(request.statusNotes, notes));
            request.statusNotes = notes;
        }
        String agency = Texts.clean(change.agencyResponsible());
        if (change.agencyResponsible() != null && !Objects.equals(agency, request.agencyResponsible)) {
            changes.put("agency_responsible", fromTo(request.agencyResponsible, agency));
            request.agencyResponsible = agency;
        }
        if (expected != null
                && !expected.isEqual(
                        request.expectedDatetime == null ? OffsetDateTime.MIN : request.expectedDatetime)) {
            changes.put(
                    "expected_datetime",
                    fromTo(datetimes.format(request.expectedDatetime), datetimes.format(expected)));
            request.expectedDatetime = expected;
        }
        if (priority != null && !priority.wireName().equals(request.priority)) {
            changes.put("priority", fromTo(request.priority, priority.wireName()));
            request.priority = priority.wireName();
        }
        String publicNote = Texts.clean(change.publicNote());
        String internalNote = Texts.clean(change.internalNote());
        if (changes.isEmpty() && publicNote == null && internalNote == null) {
            throw Open311Exception.badRequest(
                    "Nothing to change: give detailed_status, status_notes, agency_responsible, "
                            + "expected_datetime, priority, public_note or internal_note");
        }
        String action = changes.containsKey("status") || changes.containsKey("detailed_status")
                ? "status_changed"
                : changes.isEmpty() ? "note" : "updated";
        if (!photos.isEmpty()) {
            attachPhotos(request, photos, changes, publicNote != null || notes != null);
        }
        journal.apply(
                request, new Transition(action, changes, publicNote != null ? publicNote : notes, internalNote, actor));
        return request;
    }

    private void attachPhotos(
            ServiceRequestEntity request,
            List<Photos.Photo> photos,
            Map<String, Object> changes,
            boolean hasPublicPart) {
        if (changes.isEmpty() && !hasPublicPart) {
            throw Open311Exception.badRequest(
                    "photos are published: attach them to a status change or a public note, not to an internal note");
        }
        if (request.mediaUrls.length + photos.size() > MAX_MEDIA) {
            throw Open311Exception.badRequest(
                    "A request has at most " + MAX_MEDIA + " media; it has " + request.mediaUrls.length);
        }
        mediaStorage.store(request.id, photos);
        List<String> links = photos.stream().map(Photos.Photo::link).toList();
        List<String> media = new ArrayList<>(Arrays.asList(request.mediaUrls));
        media.addAll(links);
        request.mediaUrls = media.toArray(String[]::new);
        changes.put("photos", links);
    }

    /**
     * Staff's own message to the citizen of a request: mailed to them (when they gave an address and did
     * not opt out) and kept in the history, public (shown with the request) or private (staff only).
     * Needs no version: it changes no field, so it conflicts with no one's edit.
     */
    @Transactional
    public ServiceRequestEntity message(
            Jurisdiction jurisdiction, String serviceRequestId, String text, boolean isPublic, String actor) {
        ServiceRequestEntity request = findForUpdate(jurisdiction, serviceRequestId);
        String message = Texts.clean(text);
        if (message == null) {
            throw Open311Exception.badRequest("message is required");
        }
        List<String> problems = new ArrayList<>();
        limit(message, "message", 4000, problems);
        if (!problems.isEmpty()) {
            throw Open311Exception.badRequest(problems);
        }
        journal.apply(
                request,
                isPublic
                        ? Transition.publicChange(Transition.MESSAGE, Map.of(), message, actor)
                        : new Transition(Transition.MESSAGE, Map.of(), null, message, actor));
        return request;
    }

    /**
     * Reopens a closed request whose citizen says it is not fixed (the survey), when its service allows
     * it: back to {@code received}, with a public note saying why and the citizen's comment as an
     * internal note (it may name people). A duplicate stays closed: its original is the one to reopen.
     * Call inside a transaction; true when it was reopened.
     */
    public boolean reopenNotFixed(long requestRef, boolean serviceAllows, String comment) {
        ServiceRequestEntity request = ServiceRequestEntity.getEntityManager()
                .find(ServiceRequestEntity.class, requestRef, LockModeType.PESSIMISTIC_WRITE);
        if (request == null
                || !serviceAllows
                || !"closed".equals(request.status)
                || DetailedStatus.DUPLICATE.wireName().equals(request.detailedStatus)) {
            return false;
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        moveTo(request, DetailedStatus.RECEIVED, changes);
        journal.apply(
                request,
                new Transition(
                        "status_changed",
                        changes,
                        "Reopened: the person who reported it says it is not fixed.",
                        comment == null ? null : "Survey comment: " + comment,
                        "citizen:survey"));
        return true;
    }

    /**
     * Moves a request to a detailed status and the open/closed status it maps to, noting both moves in
     * {@code changes}; the one place where statuses change (staff, duplicates, pushed updates).
     */
    public static void moveTo(ServiceRequestEntity request, DetailedStatus status, Map<String, Object> changes) {
        if (status.wireName().equals(request.detailedStatus)) {
            return;
        }
        changes.put("detailed_status", fromTo(request.detailedStatus, status.wireName()));
        if (!status.publicStatus().equals(request.status)) {
            changes.put("status", fromTo(request.status, status.publicStatus()));
        }
        request.detailedStatus = status.wireName();
        request.status = status.publicStatus();
    }
}
