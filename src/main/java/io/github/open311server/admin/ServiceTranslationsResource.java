package io.github.open311server.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
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

import io.github.open311server.catalogue.AttributeView;
import io.github.open311server.catalogue.CatalogueChanged;
import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.catalogue.ServiceEntity;
import io.github.open311server.catalogue.ServiceTranslation;
import io.github.open311server.security.StaffIdentity;
import io.github.open311server.web.Open311Exception;

/**
 * A service's texts in other languages than the jurisdiction's own: what the public service list and
 * definition answer to a {@code locale} parameter or {@code Accept-Language}. Each is checked against the
 * service's definition (attribute codes and value keys must exist) and moves the discovery changeset.
 */
@Path("/admin/v1/jurisdictions/{jurisdiction_id}/services/{code}/translations")
@RolesAllowed(StaffIdentity.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ServiceTranslationsResource {

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    StaffIdentity identity;

    @Inject
    Event<CatalogueChanged> changed;

    /** Every translation of the service, by language code. */
    @GET
    @Transactional
    public Map<String, ServiceTranslation> list(
            @PathParam("jurisdiction_id") String jurisdictionId, @PathParam("code") String code) {
        return new TreeMap<>(service(jurisdictionId, code).translations);
    }

    @PUT
    @Path("{locale}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public ServiceTranslation put(
            @PathParam("jurisdiction_id") String jurisdictionId,
            @PathParam("code") String code,
            @PathParam("locale") String locale,
            ServiceTranslation body) {
        ServiceEntity service = service(jurisdictionId, code);
        Jurisdiction jurisdiction = jurisdictions.resolve(jurisdictionId);
        checkLocale(locale, jurisdiction);
        if (body == null) {
            throw Open311Exception.badRequest("A JSON body is required");
        }
        List<String> problems = problems(body, CatalogueService.from(service).attributes());
        if (!problems.isEmpty()) {
            throw Open311Exception.badRequest(problems);
        }
        Map<String, ServiceTranslation> translations = new HashMap<>(service.translations);
        translations.put(locale, body);
        service.translations = translations; // a new map, so the JSON column is seen as changed
        changed.fire(new CatalogueChanged(jurisdiction.id(), CatalogueChanged.Kind.SERVICE, code));
        return body;
    }

    @DELETE
    @Path("{locale}")
    @Transactional
    public Response delete(
            @PathParam("jurisdiction_id") String jurisdictionId,
            @PathParam("code") String code,
            @PathParam("locale") String locale) {
        ServiceEntity service = service(jurisdictionId, code);
        if (!service.translations.containsKey(locale)) {
            throw Open311Exception.notFound("service " + code + " has no translation into " + locale);
        }
        Map<String, ServiceTranslation> translations = new HashMap<>(service.translations);
        translations.remove(locale);
        service.translations = translations;
        changed.fire(new CatalogueChanged(service.jurisdictionRef, CatalogueChanged.Kind.SERVICE, code));
        return Response.noContent().build();
    }

    private static void checkLocale(String locale, Jurisdiction jurisdiction) {
        if (!locale.matches("[a-z]{2,3}")) {
            throw Open311Exception.badRequest("locale must be a language code of two or three letters (es, fr, haw)");
        }
        if (locale.equals(jurisdiction.defaultLocale())) {
            throw Open311Exception.badRequest(
                    locale + " is the jurisdiction's own language: change the service itself (PUT …/services/{code})");
        }
    }

    /** Texts within the limits of the service's own, and only codes and keys its definition has. */
    static List<String> problems(ServiceTranslation t, List<AttributeView> attributes) {
        List<String> problems = new ArrayList<>();
        if (t.serviceName() == null || t.serviceName().isBlank()) {
            problems.add("service_name is required");
        }
        limit("service_name", t.serviceName(), 255, problems);
        limit("description", t.description(), 4000, problems);
        limit("group", t.group(), 255, problems);
        limit("keywords", t.keywords(), 1000, problems);
        Map<String, ServiceTranslation.AttributeTranslation> given = t.attributes() == null ? Map.of() : t.attributes();
        given.forEach((code, a) -> {
            AttributeView attribute = attributes.stream()
                    .filter(x -> x.code().equals(code))
                    .findFirst()
                    .orElse(null);
            if (attribute == null || a == null) {
                problems.add("attributes: " + code + " is not an attribute of this service");
                return;
            }
            limit("attributes." + code + ".description", a.description(), 4000, problems);
            limit("attributes." + code + ".datatype_description", a.datatypeDescription(), 4000, problems);
            (a.values() == null ? Map.<String, String>of() : a.values()).forEach((key, name) -> {
                if (!attribute.allows(key)) {
                    problems.add("attributes." + code + ".values: " + key + " is not a value key of " + code);
                }
                limit("attributes." + code + ".values." + key, name, 255, problems);
            });
        });
        return problems;
    }

    private static void limit(String field, String value, int max, List<String> problems) {
        if (value != null && value.length() > max) {
            problems.add(field + " is longer than " + max + " characters");
        }
    }

    private ServiceEntity service(String jurisdictionId, String code) {
        identity.require(jurisdictionId, StaffIdentity.ADMIN);
        Jurisdiction jurisdiction = jurisdictions.resolve(jurisdictionId);
        ServiceEntity service = ServiceEntity.<ServiceEntity>find(
                        "jurisdictionRef = ?1 and serviceCode = ?2", jurisdiction.id(), code)
                .firstResult();
        if (service == null) {
            throw Open311Exception.notFound("service_code '" + code + "' not found");
        }
        return service;
    }
}
