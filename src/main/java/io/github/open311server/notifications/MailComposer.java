package io.github.open311server.notifications;

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

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.config.Open311Config;

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

    /** The queued mail as the worker read it. */
    public record Job(long id, long eventRef, Long requestRef, MailKind kind) {}

    @Inject
    EntityManager em;

    @Inject
    MailTemplates templates;

    @Inject
    MailTokens tokens;

    @Inject
    Catalogue catalogue;

    @Inject
    MailModel mailModel;

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
        Map<String, Object> model = mailModel.common(jurisdictionRef, data, locale);
        if (job.kind() == MailKind.MESSAGE) {
            // a private message is an internal history entry: only its own mail carries it
            model.put(
                    "message", data.path("note").isTextual() ? data.path("note").asText() : (String) event[2]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Auto-Submitted", "auto-generated");
        if (citizen) {
            String unsubscribe = mailModel.origin() + "/mail/v1/unsubscribe?token="
                    + tokens.issue(MailTokens.Purpose.UNSUBSCRIBE, job.requestRef(), email);
            model.put("unsubscribe_url", unsubscribe);
            if (job.kind() == MailKind.CLOSED) {
                model.put(
                        "survey_url",
                        mailModel.origin() + "/mail/v1/survey?token="
                                + tokens.issue(MailTokens.Purpose.SURVEY, job.requestRef(), email));
            }
            headers.put("List-Unsubscribe", "<" + unsubscribe + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        } else {
            model.put("submitter", submitter.map(MailComposer::contact).orElse(null));
            model.put("attributes", attributes(job.requestRef()));
        }
        if (job.kind().isAlert()) {
            headers.put("Importance", "high"); // on-call and supervisor alerts
            headers.put("X-Priority", "1");
        }
        MailTemplates.Rendered content = templates.render(templates.find(jurisdictionRef, job.kind(), locale), model);
        return new Composed(to, content, headers, null);
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
    private List<MailModel.Answer> attributes(Long requestRef) {
        List<Object[]> rows =
                em.createNativeQuery("""
                        SELECT attribute_code, string_agg(value, ', ' ORDER BY position) FROM request_attributes
                         WHERE request_ref = ?1 GROUP BY attribute_code ORDER BY attribute_code""").setParameter(1, requestRef).getResultList();
        return rows.stream()
                .map(r -> new MailModel.Answer((String) r[0], (String) r[1]))
                .toList();
    }
}
