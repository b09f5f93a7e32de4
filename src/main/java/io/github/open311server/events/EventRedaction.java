package io.github.open311server.events;

import java.util.List;

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
        String payload = "payload";
        if (fields.contains("description")) {
            payload = set(payload, "{data,request,description}", "CAST(:description AS jsonb)");
        }
        if (fields.contains("address")) {
            payload = set(payload, "{data,request,address}", "CAST(:address AS jsonb)");
        }
        if (fields.contains("media_urls")) {
            payload = set(payload, "{data,request,media_url}", "CAST(:mediaUrl AS jsonb)");
            payload = set(payload, "{data,request,extended_attributes,media_urls}", "CAST(:mediaUrls AS jsonb)");
        }
        var update = ServiceRequestEntity.getEntityManager()
                .createNativeQuery("UPDATE events SET payload = " + payload
                        + " WHERE request_ref = :r AND payload #> '{data,request}' IS NOT NULL")
                .setParameter("r", request.id);
        if (fields.contains("description")) {
            update.setParameter("description", toJson(view.description()));
        }
        if (fields.contains("address")) {
            update.setParameter("address", toJson(view.address()));
        }
        if (fields.contains("media_urls")) {
            update.setParameter("mediaUrl", toJson(view.mediaUrl()));
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

    /** The field set to the value, or taken out when the value is JSON null (the view leaves nulls out). */
    private static String set(String target, String path, String value) {
        return "CASE WHEN " + value + " = 'null'::jsonb THEN " + target + " #- '" + path + "' ELSE jsonb_set(" + target
                + ", '" + path + "', " + value + ") END";
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
