package io.github.open311server.notifications.api;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.notifications.MailKind;
import io.github.open311server.notifications.MailModel;
import io.github.open311server.notifications.MailTemplates;
import io.github.open311server.security.StaffIdentity;
import io.github.open311server.web.Open311Exception;

/**
 * A city's wording of its mail, per kind and locale (Qute templates; the names they may use are in the
 * README). A template is rendered with sample data before it is saved, so one that would fail at
 * sending time is refused now with the reason. Deleting one brings back the shipped default.
 */
@Path("/admin/v1/jurisdictions/{jurisdiction_id}/mail-templates")
@RolesAllowed(StaffIdentity.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class MailTemplatesResource {

    public record TemplateInput(String subject, String text, String html) {}

    /** {@code source}: {@code saved} (the city's own) or {@code shipped} (the default). */
    public record TemplateView(String kind, String locale, String source, String subject, String text, String html) {}

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    StaffIdentity identity;

    @Inject
    MailTemplates templates;

    @Inject
    MailModel model;

    @Inject
    EntityManager em;

    /** Every kind in every locale the city writes in, as it would be used now. */
    @GET
    @Transactional
    @SuppressWarnings("unchecked")
    public List<TemplateView> list(@PathParam("jurisdiction_id") String jurisdictionId) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        TreeSet<String> locales = new TreeSet<>(MailTemplates.SHIPPED);
        locales.addAll(em.createNativeQuery("SELECT DISTINCT locale FROM mail_templates WHERE jurisdiction_ref = ?1")
                .setParameter(1, jurisdiction.id())
                .getResultList());
        List<TemplateView> views = new ArrayList<>();
        for (String locale : locales) {
            for (MailKind kind : MailKind.values()) {
                views.add(view(jurisdiction, kind, locale));
            }
        }
        return views;
    }

    @GET
    @Path("{kind}/{locale}")
    @Transactional
    public TemplateView get(
            @PathParam("jurisdiction_id") String jurisdictionId,
            @PathParam("kind") String kind,
            @PathParam("locale") String locale) {
        return view(scoped(jurisdictionId), kind(kind), locale(locale));
    }

    @PUT
    @Path("{kind}/{locale}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public TemplateView put(
            @PathParam("jurisdiction_id") String jurisdictionId,
            @PathParam("kind") String kindName,
            @PathParam("locale") String localeName,
            TemplateInput body) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        MailKind kind = kind(kindName);
        String locale = locale(localeName);
        List<String> problems = new ArrayList<>();
        if (body == null
                || body.subject() == null
                || body.subject().isBlank()
                || body.subject().length() > 500) {
            problems.add("subject is required (at most 500 characters)");
        }
        if (body == null
                || body.text() == null
                || body.text().isBlank()
                || body.text().length() > 20_000) {
            problems.add("text is required (at most 20000 characters)");
        }
        if (body != null && body.html() != null && body.html().length() > 50_000) {
            problems.add("html is longer than 50000 characters");
        }
        if (problems.isEmpty()) {
            problems.addAll(templates.problems(
                    new MailTemplates.Source(body.subject(), body.text(), body.html()),
                    model.sample(jurisdiction.id(), locale)));
        }
        if (!problems.isEmpty()) {
            throw Open311Exception.badRequest(problems);
        }
        em.createNativeQuery("""
                        INSERT INTO mail_templates (jurisdiction_ref, kind, locale, subject, text_body, html_body)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                        ON CONFLICT (jurisdiction_ref, kind, locale) DO UPDATE
                           SET subject = EXCLUDED.subject, text_body = EXCLUDED.text_body,
                               html_body = EXCLUDED.html_body, updated_at = now()""")
                .setParameter(1, jurisdiction.id())
                .setParameter(2, kind.wireName())
                .setParameter(3, locale)
                .setParameter(4, body.subject())
                .setParameter(5, body.text())
                .setParameter(6, body.html())
                .executeUpdate();
        return view(jurisdiction, kind, locale);
    }

    @DELETE
    @Path("{kind}/{locale}")
    @Transactional
    public Response delete(
            @PathParam("jurisdiction_id") String jurisdictionId,
            @PathParam("kind") String kind,
            @PathParam("locale") String locale) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        em.createNativeQuery("DELETE FROM mail_templates WHERE jurisdiction_ref = ?1 AND kind = ?2 AND locale = ?3")
                .setParameter(1, jurisdiction.id())
                .setParameter(2, kind(kind).wireName())
                .setParameter(3, locale(locale))
                .executeUpdate();
        return Response.noContent().build();
    }

    private TemplateView view(Jurisdiction jurisdiction, MailKind kind, String locale) {
        MailTemplates.Source source = templates.find(jurisdiction.id(), kind, locale);
        boolean shipped =
                MailTemplates.shipped(kind, locale).filter(source::equals).isPresent();
        return new TemplateView(
                kind.wireName(), locale, shipped ? "shipped" : "saved", source.subject(), source.text(), source.html());
    }

    private static MailKind kind(String name) {
        return MailKind.of(name)
                .orElseThrow(() -> Open311Exception.notFound("No mail kind " + name + "; kinds: "
                        + java.util.Arrays.stream(MailKind.values())
                                .map(MailKind::wireName)
                                .toList()));
    }

    private static String locale(String name) {
        if (name == null || !name.matches("[a-z]{2,3}")) {
            throw Open311Exception.notFound("A locale is a language code such as en or es");
        }
        return name;
    }

    private Jurisdiction scoped(String jurisdictionId) {
        identity.require(jurisdictionId, StaffIdentity.ADMIN);
        return jurisdictions.resolve(jurisdictionId);
    }
}
