package io.github.open311server.requests.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.requests.ServiceRequestEntity;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.Texts;

import static io.github.open311server.requests.lifecycle.Changes.checkVersion;
import static io.github.open311server.requests.lifecycle.Changes.fromTo;
import static io.github.open311server.requests.lifecycle.Changes.limit;

/** The city's work order of a request (its crew system, the order's id and link) and who it is assigned to. */
@ApplicationScoped
public class WorkOrders {

    @Inject
    RequestLifecycle lifecycle;

    @Inject
    RequestJournal journal;

    /**
     * Attaches (or replaces, or with neither system nor id detaches) the external work order and sets the assignee.
     * Integrations see it as a request.updated event whose changes name work_order and assignee.
     */
    @Transactional
    public ServiceRequestEntity attachWorkOrder(
            Jurisdiction jurisdiction,
            String serviceRequestId,
            WorkOrderInput input,
            ExpectedVersion expectedVersion,
            String actor) {
        ServiceRequestEntity request = lifecycle.findForUpdate(jurisdiction, serviceRequestId);
        checkVersion(request, expectedVersion);
        List<String> problems = new ArrayList<>();
        String system = Texts.clean(input.system());
        String id = Texts.clean(input.id());
        String url = Texts.clean(input.url());
        String assignee = Texts.clean(input.assignee());
        if ((system == null) != (id == null)) {
            problems.add("system and id go together: give both to attach a work order, neither to detach it");
        }
        limit(system, "system", 100, problems);
        limit(id, "id", 200, problems);
        limit(url, "url", 2000, problems);
        limit(assignee, "assignee", 200, problems);
        if (url != null && !url.matches("(?i)https?://\\S+")) {
            problems.add("url must be an http or https URL");
        }
        if (url != null && system == null) {
            problems.add("url needs a work order (system and id)");
        }
        if (!problems.isEmpty()) {
            throw Open311Exception.badRequest(problems);
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        Map<String, Object> before = workOrder(request.workOrderSystem, request.workOrderId, request.workOrderUrl);
        Map<String, Object> after = workOrder(system, id, url);
        if (!Objects.equals(before, after)) {
            changes.put("work_order", fromTo(before, after));
            request.workOrderSystem = system;
            request.workOrderId = id;
            request.workOrderUrl = url;
        }
        if (!Objects.equals(assignee, request.assignee)) {
            changes.put("assignee", fromTo(request.assignee, assignee));
            request.assignee = assignee;
        }
        if (changes.isEmpty()) {
            throw Open311Exception.badRequest("Nothing to change: the work order and assignee are already these");
        }
        journal.apply(request, new Transition("updated", changes, null, null, actor));
        return request;
    }

    /** Assigns the request to a crew or person (null: to nobody), leaving its work order as it is. */
    @Transactional
    public ServiceRequestEntity assign(
            Jurisdiction jurisdiction,
            String serviceRequestId,
            String assignee,
            ExpectedVersion expectedVersion,
            String actor) {
        ServiceRequestEntity request = lifecycle.findForUpdate(jurisdiction, serviceRequestId);
        checkVersion(request, expectedVersion);
        String cleaned = Texts.clean(assignee);
        List<String> problems = new ArrayList<>();
        limit(cleaned, "assignee", 200, problems);
        if (!problems.isEmpty()) {
            throw Open311Exception.badRequest(problems);
        }
        if (Objects.equals(cleaned, request.assignee)) {
            throw Open311Exception.badRequest("Nothing to change: the assignee is already this");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("assignee", fromTo(request.assignee, cleaned));
        request.assignee = cleaned;
        journal.apply(request, new Transition("updated", changes, null, null, actor));
        return request;
    }

    private static Map<String, Object> workOrder(String system, String id, String url) {
        if (system == null) {
            return null;
        }
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("system", system);
        order.put("id", id);
        order.put("url", url);
        return order;
    }
}
