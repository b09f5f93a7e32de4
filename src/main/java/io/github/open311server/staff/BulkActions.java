package io.github.open311server.staff;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.clients.Sha256;
import io.github.open311server.requests.lifecycle.ChangeInput;
import io.github.open311server.requests.lifecycle.DuplicateMerges;
import io.github.open311server.requests.lifecycle.ExpectedVersion;
import io.github.open311server.requests.lifecycle.RequestLifecycle;
import io.github.open311server.requests.lifecycle.WorkOrders;
import io.github.open311server.requests.queue.WorkQueue;
import io.github.open311server.requests.queue.WorkQueueParser;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.FormDecoder;
import io.github.open311server.web.FormFields;
import io.github.open311server.web.Open311Exception;

/**
 * One action on a selection of requests (a list of ids, or a work-queue filter): assign, change the detailed
 * status with a note, set the priority, or merge them as duplicates of one request. In two steps: a call
 * without {@code confirmation} previews (how many, which, and a confirmation), the same call with it applies.
 * The confirmation covers the selection at the versions it was previewed at, so a request changed, added or
 * gone in between makes it stale (409): staff never act on more, or other, than they saw. Applying is all or
 * nothing, in one transaction, each request locked (in id order) and changed through the one write path, with
 * its own history entry and event; a request that refuses the change refuses the whole call, named.
 */
@ApplicationScoped
public class BulkActions {

    /** Requests one action may take: a bigger selection is narrowed or split, so no call holds the server long. */
    static final int MAX_REQUESTS = 500;

    /** The fields each action type takes, and the one it cannot do without. */
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "assign", Set.of("assignee"),
            "status", Set.of("detailed_status", "status_notes", "public_note", "internal_note"),
            "priority", Set.of("priority"),
            "merge", Set.of("duplicate_of"));

    private static final Map<String, String> REQUIRED =
            Map.of("status", "detailed_status", "priority", "priority", "merge", "duplicate_of");

    /** How long a preview's confirmation holds. */
    static final Duration CONFIRMATION_LIFETIME = Duration.ofMinutes(15);

    /** Exactly one of {@code ids} (service_request_id values) and {@code filter} (a work-queue query string). */
    public record Selection(List<String> ids, String filter) {}

    /**
     * {@code type}: assign ({@code assignee}, blank or absent for nobody), status ({@code detailed_status} and
     * optionally {@code status_notes}, {@code public_note}, {@code internal_note}), priority ({@code priority}),
     * merge ({@code duplicate_of}).
     */
    public record Action(
            String type,
            String assignee,
            String detailedStatus,
            String statusNotes,
            String publicNote,
            String internalNote,
            String priority,
            String duplicateOf) {}

    public record Input(Selection selection, Action action, String confirmation) {}

    /**
     * {@code applied} false: a preview, with the confirmation to send back; true: done. {@code unchanged}: the
     * selected requests that already are as the action would make them, left alone.
     */
    public record Result(
            int matched,
            List<String> ids,
            List<String> unchanged,
            boolean applied,
            String confirmation,
            String confirmationExpires) {}

    private record Selected(
            long id, String serviceRequestId, int version, String assignee, String priority, String detailedStatus) {

        /** Whether the action would set nothing new here (then it is left alone, not refused). */
        boolean alreadyHas(Action action) {
            return switch (action.type()) {
                case "assign" -> Objects.equals(blankAsNull(action.assignee()), assignee);
                case "priority" -> action.priority().strip().equalsIgnoreCase(priority);
                case "status" ->
                    action.detailedStatus().strip().equalsIgnoreCase(detailedStatus)
                            && action.statusNotes() == null
                            && action.publicNote() == null
                            && action.internalNote() == null;
                default -> false;
            };
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    WorkQueue queue;

    @Inject
    WorkQueueParser queueParser;

    @Inject
    RequestLifecycle lifecycle;

    @Inject
    WorkOrders workOrders;

    @Inject
    DuplicateMerges duplicates;

    @Inject
    Datetimes datetimes;

    public Result run(Jurisdiction jurisdiction, Input input, String actor) {
        Action action = checkedAction(input);
        Selection selection = input.selection();
        if (input.confirmation() == null) {
            List<Selected> selected = select(jurisdiction, selection, false);
            OffsetDateTime expires = datetimes.now().plus(CONFIRMATION_LIFETIME);
            return new Result(
                    selected.size(),
                    ids(selected),
                    unchanged(selected, action),
                    false,
                    confirmation(fingerprint(jurisdiction, action, selected, actor), expires),
                    datetimes.format(expires));
        }
        checkNotExpired(input.confirmation());
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Selected> selected = select(jurisdiction, selection, true);
            String fingerprint = fingerprint(jurisdiction, action, selected, actor);
            if (!input.confirmation().equals(confirmation(fingerprint, expiry(input.confirmation())))) {
                throw new Open311Exception(
                        409,
                        List.of("The selection changed since the preview (" + selected.size()
                                + " requests now, or one of them was changed): preview again"),
                        Map.of());
            }
            for (Selected request : selected) {
                if (!request.alreadyHas(action)) {
                    apply(jurisdiction, request, action, actor);
                }
            }
            return new Result(selected.size(), ids(selected), unchanged(selected, action), true, null, null);
        });
    }

    private void apply(Jurisdiction jurisdiction, Selected request, Action action, String actor) {
        ExpectedVersion expected = new ExpectedVersion(request.version(), false);
        String id = request.serviceRequestId();
        try {
            switch (action.type()) {
                case "assign" -> workOrders.assign(jurisdiction, id, blankAsNull(action.assignee()), expected, actor);
                case "status" ->
                    lifecycle.change(
                            jurisdiction,
                            id,
                            new ChangeInput(
                                    request.version(),
                                    action.detailedStatus(),
                                    action.statusNotes(),
                                    null,
                                    null,
                                    action.publicNote(),
                                    action.internalNote(),
                                    null),
                            expected,
                            actor);
                case "priority" ->
                    lifecycle.change(
                            jurisdiction,
                            id,
                            new ChangeInput(request.version(), null, null, null, null, null, null, action.priority()),
                            expected,
                            actor);
                default -> duplicates.markDuplicate(jurisdiction, id, action.duplicateOf(), expected, actor);
            }
        } catch (Open311Exception e) {
            throw new Open311Exception(
                    e.status(),
                    e.errors().stream()
                            .map(error -> id + ": " + error.description())
                            .toList(),
                    Map.of());
        }
    }

    private static Action checkedAction(Input input) {
        if (input == null || input.selection() == null || input.action() == null) {
            throw Open311Exception.badRequest("selection and action are required");
        }
        Selection selection = input.selection();
        boolean byIds = selection.ids() != null;
        boolean byFilter = selection.filter() != null;
        if (byIds == byFilter) {
            throw Open311Exception.badRequest("selection takes ids or a filter, one of the two");
        }
        if (byIds && (selection.ids().isEmpty() || selection.ids().size() > MAX_REQUESTS)) {
            throw Open311Exception.badRequest("selection.ids must name 1 to " + MAX_REQUESTS + " requests");
        }
        if (byIds && selection.ids().stream().anyMatch(id -> id == null || !id.matches("[^\\p{Cntrl}]{1,100}"))) {
            throw Open311Exception.badRequest("selection.ids must be service_request_id values");
        }
        Action action = input.action();
        String type = action.type() == null ? "" : action.type().strip().toLowerCase(Locale.ROOT);
        Set<String> allowed = FIELDS.get(type);
        if (allowed == null) {
            throw Open311Exception.badRequest(
                    "action.type must be assign, status, priority or merge; got '" + action.type() + "'");
        }
        Map<String, String> given = new LinkedHashMap<>();
        given.put("assignee", action.assignee());
        given.put("detailed_status", action.detailedStatus());
        given.put("status_notes", action.statusNotes());
        given.put("public_note", action.publicNote());
        given.put("internal_note", action.internalNote());
        given.put("priority", action.priority());
        given.put("duplicate_of", action.duplicateOf());
        given.values().removeIf(Objects::isNull);
        String needed = REQUIRED.get(type);
        if (needed != null && !given.containsKey(needed)) {
            throw Open311Exception.badRequest("action " + type + " needs " + needed);
        }
        if (!allowed.containsAll(given.keySet())) {
            throw Open311Exception.badRequest("action " + type + " was given fields of another action type");
        }
        return new Action(
                type,
                action.assignee(),
                action.detailedStatus(),
                action.statusNotes(),
                action.publicNote(),
                action.internalNote(),
                action.priority(),
                action.duplicateOf());
    }

    /** The selected requests in id order, locked when {@code lock} (inside the applying transaction). */
    private List<Selected> select(Jurisdiction jurisdiction, Selection selection, boolean lock) {
        List<Long> ids;
        if (selection.filter() != null) {
            ids = queue.ids(queueParser.filtersOnly(jurisdiction, query(selection.filter())), MAX_REQUESTS);
            if (ids.size() > MAX_REQUESTS) {
                throw Open311Exception.badRequest(
                        "The filter selects more than " + MAX_REQUESTS + " requests: narrow it, or act on it in parts");
            }
        } else {
            ids = null;
        }
        String sql = "SELECT r.id, r.service_request_id, r.version, r.assignee, r.priority, r.detailed_status"
                + " FROM service_requests r WHERE r.jurisdiction_ref = ? AND "
                + (ids != null ? "r.id = ANY (?)" : "r.service_request_id = ANY (?)")
                + " ORDER BY r.id"
                + (lock ? " FOR UPDATE" : "");
        List<Selected> selected = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, jurisdiction.id());
            statement.setArray(
                    2,
                    ids != null
                            ? connection.createArrayOf("bigint", ids.toArray())
                            : connection.createArrayOf("text", new LinkedHashSet<>(selection.ids()).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    selected.add(new Selected(
                            rows.getLong(1),
                            rows.getString(2),
                            rows.getInt(3),
                            rows.getString(4),
                            rows.getString(5),
                            rows.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("selecting the requests of a bulk action failed", e);
        }
        if (selection.ids() != null) {
            List<String> found = ids(selected);
            List<String> missing = new LinkedHashSet<>(selection.ids())
                    .stream().filter(id -> !found.contains(id)).toList();
            if (!missing.isEmpty()) {
                throw Open311Exception.notFound("No such requests in this jurisdiction: " + String.join(", ", missing));
            }
        }
        return selected;
    }

    /** A work-queue query string ({@code status=open&agency_responsible=...}) as its parameters. */
    private static MultivaluedMap<String, String> query(String filter) {
        FormFields fields = FormDecoder.decode(filter.getBytes(StandardCharsets.UTF_8), 100);
        MultivaluedMap<String, String> params = new MultivaluedHashMap<>();
        fields.snapshot().forEach((name, values) -> values.forEach(value -> params.add(name, value)));
        return params;
    }

    /** What a confirmation stands for: who does what to exactly which requests, at which versions. */
    private static String fingerprint(Jurisdiction jurisdiction, Action action, List<Selected> selected, String actor) {
        StringBuilder text = new StringBuilder()
                .append(jurisdiction.id())
                .append('|')
                .append(actor)
                .append('|')
                .append(action);
        selected.forEach(s -> text.append('|').append(s.id()).append(':').append(s.version()));
        return Sha256.hex(text.toString());
    }

    /**
     * The expiry and a digest of the fingerprint with it. Not a credential (the caller is staff already): a check
     * that what is applied is what was previewed, so a copy of another preview's confirmation does not fit.
     */
    private static String confirmation(String fingerprint, OffsetDateTime expires) {
        long epoch = expires.toEpochSecond();
        String digest = Sha256.hex(fingerprint + "|" + epoch).substring(0, 32);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((epoch + "." + digest).getBytes(StandardCharsets.UTF_8));
    }

    private OffsetDateTime expiry(String confirmation) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(confirmation), StandardCharsets.UTF_8);
            long epoch = Long.parseLong(text.substring(0, text.indexOf('.')));
            return OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(epoch), java.time.ZoneOffset.UTC);
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException | java.time.DateTimeException e) {
            throw Open311Exception.badRequest("confirmation is not valid: send the one of a preview");
        }
    }

    private void checkNotExpired(String confirmation) {
        if (expiry(confirmation).isBefore(datetimes.now())) {
            throw new Open311Exception(409, List.of("The confirmation has expired: preview again"), Map.of());
        }
    }

    private static List<String> unchanged(List<Selected> selected, Action action) {
        return selected.stream()
                .filter(s -> s.alreadyHas(action))
                .map(Selected::serviceRequestId)
                .toList();
    }

    private static List<String> ids(List<Selected> selected) {
        return selected.stream().map(Selected::serviceRequestId).toList();
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
