package io.github.open311server.notifications;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.TemplateData;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.config.Open311Config;
import io.github.open311server.media.MediaLinks;
import io.github.open311server.web.PublicUrls;

/**
 * Writes one queued mail: finds its recipients now (the citizen's address unless opted out, or the
 * department's addresses), builds what the template may use from the event (the request as it was
 * after the change) and renders it. Contact data and attribute answers go to departments only.
 * Runs inside a transaction of the mail worker.
 */
@ApplicationScoped
public class MailComposer {

    /** A mail ready to send, or why there is none ({@code skipped}: no_recipient or opted_out). */
    public record Composed(
            List<String> to, MailTemplates.Rendered content, Map<String, String> headers, String skipped) {

        static Composed skip(String state) {
            return new Composed(List.of(), null, Map.of(), state);
        }
    }

    /**
     * One attribute answer as templates read it ({@code a.code}, {@code a.values}). A record, not a map:
     * on a map Qute resolves {@code values} to the map's own values() and prints every entry.
     */
    @TemplateData
    public record Answer(String code, String values) {}

    /** The queued mail as the worker read it. */
    public record Job(long id, long eventRef, Long requestRef, MailKind kind) {}

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
    EntityManager em;

    @Inject
    MailTemplates templates;

    @Inject
    MailTokens tokens;

    @Inject
    Catalogue catalogue;

    @Inject
    PublicUrls urls;

    @Inject
    Open311Config config;

    @Inject
    ObjectMapper json;

    @Inject
    MailRecipients recipients;

    public Composed compose(Job job) {
        Object[] event = (Object[])
                em.createNativeQuery("""
                        SELECT e.jurisdiction_ref, e.payload::text, h.note
                          FROM events e LEFT JOIN request_history h ON h.id = e.internal_note_ref
                         WHERE e.id = ?1""").setParameter(1, job.eventRef()).getSingleResult();
        long jurisdictionRef = ((Number) event[0]).longValue();
        JsonNode data;
        try {
            data = json.readTree((String) event[1]).path("data");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + job.eventRef() + " has a payload that is not JSON", e);
        }
        Optional<Object[]> submitter = submitter(job.requestRef());
        boolean citizen = job.kind().audience().equals(MailKind.CITIZEN);
        List<String> to;
        String email = submitter.map(s -> (String) s[0]).orElse(null);
        if (citizen) {
            if (email == null || email.isBlank()) {
                return Composed.skip("no_recipient");
            }
            if (optedOut(jurisdictionRef, email, job.requestRef())) {
                return Composed.skip("opted_out");
            }
            to = List.of(email);
        } else {
            to = recipients.of(job.kind().audience(), jurisdictionRef, data);
            if (to.isEmpty()) {
                return Composed.skip("no_recipient");
            }
        }
        // citizens read their own language; departments the city's
        String asked = citizen ? submitter.map(s -> (String) s[5]).orElse(null) : null;
        String locale = asked != null && templates.writesIn(jurisdictionRef, asked)
                ? asked
                : config.mail().defaultLocale();
        Map<String, Object> model = common(jurisdictionRef, data, locale);
        if (job.kind() == MailKind.MESSAGE) {
            // a private message is an internal history entry: only its own mail carries it
            model.put(
                    "message", data.path("note").isTextual() ? data.path("note").asText() : (String) event[2]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Auto-Submitted", "auto-generated");
        if (citizen) {
            String unsubscribe = origin() + "/mail/v1/unsubscribe?token="
                    + tokens.issue(MailTokens.Purpose.UNSUBSCRIBE, job.requestRef(), email);
            model.put("unsubscribe_url", unsubscribe);
            if (job.kind() == MailKind.CLOSED) {
                model.put(
                        "survey_url",
                        origin() + "/mail/v1/survey?token="
                                + tokens.issue(MailTokens.Purpose.SURVEY, job.requestRef(), email));
            }
            headers.put("List-Unsubscribe", "<" + unsubscribe + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        } else {
            model.put("submitter", submitter.map(MailComposer::contact).orElse(null));
            model.put("attributes", attributes(job.requestRef()));
        }
        if (!job.kind().audience().equals(MailKind.CITIZEN)
                && !job.kind().audience().equals(MailKind.DEPARTMENT)) {
            headers.put("Importance", "high"); // on-call and supervisor alerts
            headers.put("X-Priority", "1");
        }
        MailTemplates.Rendered content = templates.render(templates.find(jurisdictionRef, job.kind(), locale), model);
        return new Composed(to, content, headers, null);
    }

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

    @SuppressWarnings("unchecked")
    private Optional<Object[]> submitter(Long requestRef) {
        if (requestRef == null) {
            return Optional.empty();
        }
        List<Object[]> rows =
                em.createNativeQuery("""
                        SELECT email, phone, first_name, last_name, account_id, locale
                          FROM request_submitters WHERE request_ref = ?1""").setParameter(1, requestRef).getResultList();
        return rows.stream().findFirst();
    }

    private static Map<String, Object> contact(Object[] s) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("email", s[0]);
        contact.put("phone", s[1]);
        contact.put("first_name", s[2]);
        contact.put("last_name", s[3]);
        return contact;
    }

    private boolean optedOut(long jurisdictionRef, String email, Long requestRef) {
        return ((Number) em.createNativeQuery("""
                                SELECT count(*) FROM mail_opt_outs
                                 WHERE jurisdiction_ref = ?1 AND email_hash = ?2
                                   AND (request_ref IS NULL OR request_ref = CAST(?3 AS bigint))""")
                                .setParameter(1, jurisdictionRef)
                                .setParameter(2, MailTokens.emailHash(email))
                                .setParameter(3, requestRef)
                                .getSingleResult())
                        .intValue()
                > 0;
    }

    @SuppressWarnings("unchecked")
    private List<Answer> attributes(Long requestRef) {
        List<Object[]> rows =
                em.createNativeQuery("""
                        SELECT attribute_code, string_agg(value, ', ' ORDER BY position) FROM request_attributes
                         WHERE request_ref = ?1 GROUP BY attribute_code ORDER BY attribute_code""").setParameter(1, requestRef).getResultList();
        return rows.stream().map(r -> new Answer((String) r[0], (String) r[1])).toList();
    }

    private Map<String, Object> jurisdiction(long jurisdictionRef) {
        Jurisdiction j = catalogue.jurisdictions().stream()
                .filter(x -> x.id() == jurisdictionRef)
                .findFirst()
                .orElseThrow();
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

    private String origin() {
        URI base = URI.create(urls.v2());
        return base.getScheme() + "://" + base.getRawAuthority();
    }
}
