package io.github.open311server.updates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.clients.ApiClientEntity;
import io.github.open311server.clients.ApiKeys;
import io.github.open311server.requests.HistoryEntryEntity;
import io.github.open311server.requests.ServiceRequestEntity;
import io.github.open311server.requests.lifecycle.DetailedStatus;
import io.github.open311server.requests.lifecycle.RequestJournal;
import io.github.open311server.requests.lifecycle.RequestLifecycle;
import io.github.open311server.requests.lifecycle.Transition;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.FormFields;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.Texts;

/**
 * An update pushed by an external system. The same {@code update_id} from the same client is applied
 * once: a retry with the same content gets the same answer, one with other content a 409.
 */
@ApplicationScoped
public class UpdateIntake {

    @Inject
    ApiKeys apiKeys;

    @Inject
    RequestLifecycle lifecycle;

    @Inject
    RequestJournal journal;

    @Inject
    Datetimes datetimes;

    @Inject
    EntityManager em;

    @Transactional
    public String push(Jurisdiction jurisdiction, FormFields form) {
        ApiClientEntity client = apiKeys.authorize(form.first("api_key"), ApiClientEntity.POST_UPDATES, jurisdiction);
        List<String> problems = new ArrayList<>();
        String requestId = required(form, "service_request_id", problems);
        String updateId = required(form, "update_id", problems);
        String status = required(form, "status", problems);
        String updated = required(form, "updated_datetime", problems);
        if (form.first("description") == null && !hasField(form, "description")) {
            problems.add("description is required (it may be empty)");
        }
        Optional<DetailedStatus> target = status == null ? Optional.empty() : ExternalStatus.inbound(status);
        if (status != null && target.isEmpty() && !ExternalStatus.isUnchanged(status)) {
            problems.add("status '" + status
                    + "' is not one of OPEN, CLOSED, FIXED, IN_PROGRESS, ACTION_SCHEDULED, INVESTIGATING, "
                    + "DUPLICATE, NOT_COUNCILS_RESPONSIBILITY, NO_FURTHER_ACTION, INTERNAL_REFERRAL, FOR_TRIAGE, CANCELLED, "
                    + "REOPEN, PLANNED, UNCHANGED");
        }
        if (updated != null) {
            try {
                datetimes.parse("updated_datetime", updated);
            } catch (Open311Exception e) {
                problems.add(e.errors().get(0).description());
            }
        }
        if (updateId != null && updateId.length() > 200) {
            problems.add("update_id is longer than 200 characters");
        }
        String rawDescription = form.first("description");
        if (rawDescription != null && rawDescription.length() > 4000) {
            problems.add("description is longer than 4000 characters");
        }
        if (!problems.isEmpty()) {
            throw Open311Exception.badRequest(problems);
        }
        String description = Texts.clean(form.first("description"));
        String external = Texts.clean(form.first("external_status_code"));
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("service_request_id", requestId);
        payload.put("status", status.toUpperCase(Locale.ROOT));
        payload.put(
                "updated_datetime",
                datetimes.parse("updated_datetime", updated).toInstant().toString());
        payload.put("description", description);
        payload.put("external_status_code", external);
        String hash = ServiceRequestUpdatesResource.fingerprint(payload);

        ServiceRequestEntity request = lifecycle.findForUpdate(jurisdiction, requestId);
        Optional<Object[]> previous = previous(client, updateId);
        if (previous.isPresent()) {
            if (!previous.get()[1].equals(hash)) {
                throw new Open311Exception(
                        409, List.of("update_id '" + updateId + "' was already used for a different update"));
            }
            return String.valueOf(previous.get()[0]);
        }

        Map<String, Object> changes = new LinkedHashMap<>();
        target.ifPresent(detailed -> RequestLifecycle.moveTo(request, detailed, changes));
        if (external != null) {
            changes.put("external_status_code", external);
        }
        changes.put(
                "reported_datetime",
                datetimes.format(datetimes.parse("updated_datetime", updated))); // the sender's clock
        if (description != null && target.isPresent()) {
            request.statusNotes = description;
        }
        HistoryEntryEntity entry = journal.apply(
                request, Transition.publicChange("external_update", changes, description, client.actor()));
        em.createNativeQuery("""
                INSERT INTO request_updates (api_client_ref, update_id, request_ref, history_ref, payload_hash, external_status_code)
                VALUES (:client, :update, :request, :history, :hash, :external)""")
                .setParameter("client", client.id)
                .setParameter("update", updateId)
                .setParameter("request", request.id)
                .setParameter("history", entry.id)
                .setParameter("hash", hash)
                .setParameter("external", external)
                .executeUpdate();
        return String.valueOf(entry.id);
    }

    private Optional<Object[]> previous(ApiClientEntity client, String updateId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT history_ref, payload_hash FROM request_updates WHERE api_client_ref = :c AND update_id = :u")
                .setParameter("c", client.id)
                .setParameter("u", updateId)
                .getResultList();
        return rows.stream().findFirst();
    }

    private static String required(FormFields form, String name, List<String> problems) {
        String value = form.first(name);
        if (value == null) {
            problems.add(name + " is required");
        }
        return value == null ? null : value.strip();
    }

    private static boolean hasField(FormFields form, String name) {
        return form.has(name);
    }
}
