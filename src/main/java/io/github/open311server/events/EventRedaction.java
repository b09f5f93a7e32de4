package io.github.open311server.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.open311server.requests.RequestView;
import io.github.open311server.requests.ServiceRequestEntity;

/**
 * Moderation reaching the events already stored: a redacted field takes its new public value in every event of
 * the request (the feed and later deliveries carry no original; deliveries already made cannot be recalled), and
 * a hidden request's events become staff-only. In the caller's transaction.
 */
@ApplicationScoped
public class EventRedaction {

    @Inject
    PublicRequestViews views;

    @Inject
    ObjectMapper json;

    /** {@code fields}: description, address and/or media_urls, as the request now publishes them. */
    public void redact(ServiceRequestEntity request, List<String> fields) {
        if (fields.isEmpty()) {
            return;
        }
        RequestView view = views.of(request);
        // the redacted keys of data.request are taken out, then their new values (absent when null) put back
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        if (fields.contains("description")) {
            keys.add("description");
            values.put("description", view.description());
        }
        if (fields.contains("address")) {
            keys.add("address");
            values.put("address", view.address());
        }
        boolean media = fields.contains("media_urls");
        if (media) {
            keys.add("media_url");
            values.put("media_url", view.mediaUrl());
        }
        values.values().removeIf(Objects::isNull);
        String merged = "((payload #> '{data,request}') - CAST(:keys AS text[])) || CAST(:values AS jsonb)";
        String payload = "jsonb_set(payload, '{data,request}', " + merged + ")";
        if (media) {
            payload = "jsonb_set(" + payload + ", '{data,request,extended_attributes,media_urls}',"
                    + " CAST(:mediaUrls AS jsonb))";
        }
        var update = ServiceRequestEntity.getEntityManager()
                .createNativeQuery("UPDATE events SET payload = " + payload
                        + " WHERE request_ref = :r AND payload #> '{data,request}' IS NOT NULL")
                .setParameter("r", request.id)
                .setParameter("keys", keys.toArray(String[]::new))
                .setParameter("values", toJson(values));
        if (media) {
            update.setParameter(
                    "mediaUrls",
                    toJson(
                            view.extendedAttributes() == null
                                    ? List.of()
                                    : view.extendedAttributes().mediaUrls()));
        }
        update.executeUpdate();
    }

    /**
     * A hidden request's events, stored ones included, reach staff views only: deliveries still pending to
     * receivers without the staff view are withdrawn (with their attempt log).
     */
    public void hide(ServiceRequestEntity request) {
        ServiceRequestEntity.getEntityManager()
                .createNativeQuery("UPDATE events SET staff_only = true WHERE request_ref = :r")
                .setParameter("r", request.id)
                .executeUpdate();
        ServiceRequestEntity.getEntityManager()
                .createNativeQuery("""
                        DELETE FROM webhook_deliveries d WHERE d.request_ref = :r AND d.state = 'pending'
                           AND d.subscription_ref IN (SELECT s.id FROM webhook_subscriptions s WHERE NOT s.staff_view)""")
                .setParameter("r", request.id)
                .executeUpdate();
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
