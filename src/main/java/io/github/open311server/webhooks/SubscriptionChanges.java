package io.github.open311server.webhooks;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.clients.ApiClientEntity;
import io.github.open311server.events.EventTypes;
import io.github.open311server.events.OutboundTargets;
import io.github.open311server.events.WebhookSubscriptionEntity;
import io.github.open311server.web.Open311Exception;

/**
 * A subscription as an admin sends it, checked (its API client, the target, the event types) and
 * written onto the stored one; every problem is named in one 400.
 */
@ApplicationScoped
class SubscriptionChanges {

    @Inject
    OutboundTargets targets;

    void apply(
            Jurisdiction jurisdiction,
            WebhookSubscriptionEntity subscription,
            WebhooksResource.SubscriptionInput body,
            boolean creating) {
        List<String> problems = new ArrayList<>();
        if (body == null) {
            throw Open311Exception.badRequest("A JSON body is required");
        }
        ApiClientEntity client = body.apiClientId() == null ? null : ApiClientEntity.findById(body.apiClientId());
        if (client == null
                || !Long.valueOf(jurisdiction.id()).equals(client.jurisdictionRef)
                || client.revokedAt != null
                || !client.hasScope(ApiClientEntity.READ_EVENTS)) {
            problems.add(
                    "api_client_id must name an active API client of this jurisdiction with the read_events scope");
        }
        boolean staffView = Boolean.TRUE.equals(body.staffView());
        if (staffView && client != null && !client.hasScope(ApiClientEntity.READ_PERSONAL_DATA)) {
            problems.add("staff_view needs an API client with the read_personal_data scope");
        }
        if (body.url() == null || body.url().length() > 2000) {
            problems.add("url is required (at most 2000 characters)");
        } else {
            targets.refusal(body.url()).ifPresent(problems::add);
        }
        List<String> types = body.eventTypes() == null ? List.of() : body.eventTypes();
        if (types.isEmpty() || !EventTypes.ALL.containsAll(types)) {
            problems.add("event_types must list one or more of " + EventTypes.ALL);
        }
        if (body.description() != null && body.description().length() > 500) {
            problems.add("description is longer than 500 characters");
        }
        if (!problems.isEmpty()) {
            throw Open311Exception.badRequest(problems);
        }
        subscription.apiClientRef = client.id;
        subscription.url = body.url();
        subscription.eventTypes = types.stream().distinct().toArray(String[]::new);
        subscription.serviceCodes = body.serviceCodes() == null
                        || body.serviceCodes().isEmpty()
                ? null
                : body.serviceCodes().toArray(String[]::new);
        subscription.agency = body.agency() == null || body.agency().isBlank()
                ? null
                : body.agency().strip();
        subscription.description = body.description();
        subscription.staffView = staffView;
        subscription.active = body.active() == null ? creating || subscription.active : body.active();
    }
}
