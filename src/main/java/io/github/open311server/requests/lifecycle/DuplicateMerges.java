package io.github.open311server.requests.lifecycle;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.requests.ServiceRequestEntity;
import io.github.open311server.web.Open311Exception;

import static io.github.open311server.requests.lifecycle.Changes.checkVersion;

/** Merging a duplicate into its original: the duplicate closes pointing to it, the original notes the merge. */
@ApplicationScoped
public class DuplicateMerges {

    @Inject
    RequestLifecycle lifecycle;

    @Inject
    RequestJournal journal;

    /** Closes a request as a duplicate of another one of the same jurisdiction, with a public note saying which. */
    @Transactional
    public ServiceRequestEntity markDuplicate(
            Jurisdiction jurisdiction,
            String serviceRequestId,
            String originalId,
            ExpectedVersion expectedVersion,
            String actor) {
        ServiceRequestEntity request = lifecycle.findForUpdate(jurisdiction, serviceRequestId);
        checkVersion(request, expectedVersion);
        if (originalId == null || originalId.isBlank()) {
            throw Open311Exception.badRequest("duplicate_of is required");
        }
        ServiceRequestEntity original = lifecycle.find(jurisdiction, originalId.strip());
        if (original.id.equals(request.id)) {
            throw Open311Exception.badRequest("A request cannot be a duplicate of itself");
        }
        if (original.duplicateOfRef != null) {
            throw Open311Exception.badRequest(originalId + " is itself a duplicate: point to the original request");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        RequestLifecycle.moveTo(request, DetailedStatus.DUPLICATE, changes);
        changes.put("duplicate_of", original.serviceRequestId);
        request.duplicateOfRef = original.id;
        request.statusNotes = "Duplicate of " + original.serviceRequestId + ": follow that request for progress.";
        journal.apply(request, Transition.publicChange("duplicate", changes, request.statusNotes, actor));
        journal.annotate(
                original,
                Transition.publicChange(
                        "duplicate_attached",
                        Map.of("duplicate", request.serviceRequestId),
                        request.serviceRequestId + " was merged into this request",
                        actor));
        return request;
    }
}
