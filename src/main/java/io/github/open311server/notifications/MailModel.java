package io.github.open311server.notifications;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.TemplateData;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.config.Open311Config;
import io.github.open311server.media.MediaLinks;
import io.github.open311server.web.PublicUrls;

/**
 * What a mail template may use, built from an event's data (the request as it was after the change):
 * the same names in every mail, so a template never fails on a name only another kind of mail has, and
 * a sample with every name filled in that saved templates are checked against.
 */
@ApplicationScoped
public class MailModel {

    /**
     * One attribute answer as templates read it ({@code a.code}, {@code a.values}). A record, not a map:
     * on a map Qute resolves {@code values} to the map's own values() and prints every entry.
     */
    @TemplateData
    public record Answer(String code, String values) {}

    private static final List<String> REQUEST_FIELDS = List.of(
            "service_request_id",
            "service_name",
            "service_code",
            "status",
            "status_notes",
            "description",
            "agency_responsible",
            "service_notice",
            "requested_datetime",
            "expected_datetime",
            "address",
            "lat",
            "long");

    @Inject
    MailTemplates templates;

    @Inject
    Catalogue catalogue;

    @Inject
    PublicUrls urls;

    @Inject
    Open311Config config;

    @Inject
    ObjectMapper json;

    /** What every template may use; also the sample that saved templates are checked against. */
    Map<String, Object> common(long jurisdictionRef, JsonNode data, String locale) {
        JsonNode request = data.path("request");
        Map<String, Object> view = new LinkedHashMap<>();
        for (String field : REQUEST_FIELDS) {
            JsonNode value = request.path(field);
            view.put(field, value.isMissingNode() || value.isNull() ? null : value.asText());
        }
        String detailed =
                request.path("extended_attributes").path("detailed_status").asText(null);
        view.put("detailed_status", detailed);
        // the service as the catalogue names it in the mail's language, where it is translated into it
        String code = (String) view.get("service_code");
        if (code != null) {
            catalogue
                    .jurisdiction(jurisdictionRef)
                    .flatMap(j -> catalogue.service(j, code))
                    .ifPresent(service ->
                            view.put("service_name", service.in(locale).name()));
        }
        view.put("detailed_status_label", detailed == null ? null : templates.label(locale, detailed));
        // the photos staff attached to this change (the photo of the fix), else the request's own
        JsonNode attached = data.path("changes").path("photos");
        List<String> photos = new ArrayList<>();
        (attached.isArray() ? attached : request.path("extended_attributes").path("media_urls"))
                .forEach(u -> photos.add(MediaLinks.absolute(u.asText(), origin())));
        String id = (String) view.get("service_request_id");
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("request", view);
        model.put("note", data.path("note").isTextual() ? data.path("note").asText() : null);
        model.put("photos", photos);
        model.put("jurisdiction", jurisdiction(jurisdictionRef));
        model.put("locale", locale);
        model.put("tracking_url", tracking(id));
        model.put("map_url", mapUrl(view.get("lat"), view.get("long")));
        // every name exists in every mail, so a template never fails on a name only another audience has
        model.put("unsubscribe_url", null);
        model.put("survey_url", null);
        model.put("submitter", null);
        model.put("attributes", List.of());
        String priority = data.path("priority").asText("normal");
        model.put("priority", priority);
        model.put("priority_label", templates.label(locale, "priority." + priority));
        model.put(
                "escalation_level",
                data.path("escalation_level").isInt()
                        ? data.path("escalation_level").asInt()
                        : null);
        model.put(
                "reminder",
                data.path("reminder").isTextual() ? data.path("reminder").asText() : null);
        model.put("message", null);
        return model;
    }

    /** A stand-in model for checking a template before it is saved: every name a real mail has. */
    public Map<String, Object> sample(long jurisdictionRef, String locale) {
        JsonNode data = json.valueToTree(Map.of(
                "note",
                "Crew booked for Monday.",
                "request",
                Map.of(
                        "service_request_id",
                        "SR-123",
                        "service_name",
                        "Pothole",
                        "service_code",
                        "POTHOLE",
                        "status",
                        "open",
                        "agency_responsible",
                        "Streets",
                        "requested_datetime",
                        "2026-05-01T09:00:00-05:00",
                        "address",
                        "1 Main St",
                        "lat",
                        "39.78",
                        "long",
                        "-89.65",
                        "extended_attributes",
                        Map.of("detailed_status", "scheduled", "media_urls", List.of()))));
        Map<String, Object> model = new LinkedHashMap<>(common(jurisdictionRef, data, locale));
        model.put("message", "We will be there on Monday morning; please keep the driveway clear.");
        model.put("escalation_level", 1);
        model.put("reminder", "overdue");
        model.put("unsubscribe_url", origin() + "/mail/v1/unsubscribe?token=sample");
        model.put("survey_url", origin() + "/mail/v1/survey?token=sample");
        model.put(
                "submitter",
                Map.of("email", "citizen@example.org", "phone", "555-0100", "first_name", "Ada", "last_name", "Lee"));
        model.put("attributes", List.of(new Answer("DEPTH", "deep")));
        return model;
    }

    private Map<String, Object> jurisdiction(long jurisdictionRef) {
        Jurisdiction j = catalogue.jurisdiction(jurisdictionRef).orElseThrow();
        return Map.of("id", j.jurisdictionId(), "name", j.name());
    }

    private String tracking(String serviceRequestId) {
        if (serviceRequestId == null) {
            return urls.v2();
        }
        String encoded = URLEncoder.encode(serviceRequestId, StandardCharsets.UTF_8);
        return config.mail()
                .trackingUrl()
                .map(t -> t.replace("{service_request_id}", encoded))
                .orElseGet(() -> urls.v2() + "/requests/" + encoded + ".json");
    }

    private static String mapUrl(Object lat, Object lon) {
        if (lat == null || lon == null) {
            return null;
        }
        return "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=18/" + lat + "/" + lon;
    }

    String origin() {
        URI base = URI.create(urls.v2());
        return base.getScheme() + "://" + base.getRawAuthority();
    }
}
