package io.github.open311server.admin;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.open311server.catalogue.AttributeView;
import io.github.open311server.catalogue.CatalogueChanged;
import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionEntity;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.catalogue.ServiceEntity;
import io.github.open311server.security.StaffIdentity;
import io.github.open311server.web.Open311Exception;

/**
 * Admins shape the catalogue: jurisdictions, services with their definitions, and agencies with the
 * areas they own. Every change moves the discovery changeset (a database trigger) and refreshes the
 * in-memory catalogue. Deactivating a service hides it from the list but keeps its requests readable.
 */
@Path("/admin/v1/jurisdictions")
@RolesAllowed(StaffIdentity.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class CatalogueAdminResource {

    public record JurisdictionInput(String jurisdictionId, String name) {}

    public record AgencyInput(JsonNode area, List<String> mailAddresses, List<String> onCallAddresses) {}

    /**
     * What a city decides about what it publishes and when departments are reminded; absent fields keep
     * their value ({@code remind_received_after_hours}: 0 switches that reminder off).
     */
    /** {@code retention_days}: days after close that submitters' personal data is kept (0: kept). */
    public record SettingsInput(
            Boolean publishWorkOrders,
            Integer remindReceivedAfterHours,
            Boolean remindWhenOverdue,
            String defaultLocale,
            Integer retentionDays,
            Boolean retentionErasesPhotos) {}

    /** {@code default_locale}: the language of the catalogue's own texts (translations add others). */
    public record Settings(
            boolean publishWorkOrders,
            Integer remindReceivedAfterHours,
            boolean remindWhenOverdue,
            String defaultLocale,
            Integer retentionDays,
            boolean retentionErasesPhotos) {

        static Settings of(JurisdictionEntity j) {
            return new Settings(
                    j.publishWorkOrders,
                    j.remindReceivedAfterHours,
                    j.remindWhenOverdue,
                    j.defaultLocale,
                    j.retentionDays,
                    j.retentionErasesPhotos);
        }
    }

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    StaffIdentity identity;

    @Inject
    Event<CatalogueChanged> changed;

    @Inject
    AgencyAreas agencies;

    @Inject
    EntityManager em;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response createJurisdiction(JurisdictionInput body) {
        identity.requireServerAdmin();
        if (body == null
                || body.jurisdictionId() == null
                || !body.jurisdictionId().matches("[a-z0-9][a-z0-9.\\-]{1,99}")
                || body.name() == null
                || body.name().isBlank()) {
            throw Open311Exception.badRequest(
                    "jurisdiction_id (a domain-like id such as city.example) and name are required");
        }
        if (JurisdictionEntity.count("jurisdictionId", body.jurisdictionId()) > 0) {
            throw new Open311Exception(409, List.of("jurisdiction_id " + body.jurisdictionId() + " exists already"));
        }
        JurisdictionEntity jurisdiction = new JurisdictionEntity();
        jurisdiction.jurisdictionId = body.jurisdictionId();
        jurisdiction.name = body.name().strip();
        jurisdiction.persist();
        em.flush();
        changed.fire(new CatalogueChanged(jurisdiction.id, CatalogueChanged.Kind.JURISDICTION, null));
        return Response.status(201).entity(body).build();
    }

    @GET
    @Path("{jurisdiction_id}/settings")
    @Transactional
    public Settings settings(@PathParam("jurisdiction_id") String jurisdictionId) {
        return Settings.of(scopedEntity(jurisdictionId));
    }

    @PUT
    @Path("{jurisdiction_id}/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Settings putSettings(@PathParam("jurisdiction_id") String jurisdictionId, SettingsInput body) {
        if (body == null) {
            throw Open311Exception.badRequest("A JSON body is required");
        }
        JurisdictionEntity jurisdiction = scopedEntity(jurisdictionId);
        Integer hours = body.remindReceivedAfterHours();
        if (hours != null && (hours < 0 || hours > 8760)) {
            throw Open311Exception.badRequest(
                    "remind_received_after_hours must be from 1 to 8760 hours, or 0 for no reminder");
        }
        Integer retention = body.retentionDays();
        if (retention != null && (retention < 0 || retention > 36500)) {
            throw Open311Exception.badRequest(
                    "retention_days must be from 1 to 36500 days, or 0 to keep personal data");
        }
        if (body.defaultLocale() != null && !body.defaultLocale().matches("[a-z]{2,3}")) {
            throw Open311Exception.badRequest("default_locale must be a language code of two or three letters");
        }
        if (body.publishWorkOrders() != null) {
            jurisdiction.publishWorkOrders = body.publishWorkOrders();
        }
        if (body.defaultLocale() != null) {
            jurisdiction.defaultLocale = body.defaultLocale();
        }
        if (hours != null) {
            jurisdiction.remindReceivedAfterHours = hours == 0 ? null : hours;
        }
        if (body.remindWhenOverdue() != null) {
            jurisdiction.remindWhenOverdue = body.remindWhenOverdue();
        }
        if (retention != null) {
            jurisdiction.retentionDays = retention == 0 ? null : retention;
        }
        if (body.retentionErasesPhotos() != null) {
            jurisdiction.retentionErasesPhotos = body.retentionErasesPhotos();
        }
        changed.fire(new CatalogueChanged(jurisdiction.id, CatalogueChanged.Kind.JURISDICTION, null));
        return Settings.of(jurisdiction);
    }

    private JurisdictionEntity scopedEntity(String jurisdictionId) {
        identity.require(jurisdictionId, StaffIdentity.ADMIN);
        return JurisdictionEntity.findById(jurisdictions.resolve(jurisdictionId).id());
    }

    @GET
    @Path("{jurisdiction_id}/services")
    @Transactional
    public List<AdminServiceView> services(@PathParam("jurisdiction_id") String jurisdictionId) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        return ServiceEntity.<ServiceEntity>list("jurisdictionRef = ?1 order by serviceCode", jurisdiction.id())
                .stream()
                .map(CatalogueService::from)
                .map(AdminServiceView::of)
                .toList();
    }

    /** Creates or replaces a service and its whole definition. */
    @PUT
    @Path("{jurisdiction_id}/services/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public AdminServiceView putService(
            @PathParam("jurisdiction_id") String jurisdictionId, @PathParam("code") String code, ServiceInput body) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        if (body == null) {
            throw Open311Exception.badRequest("A JSON body is required");
        }
        if (!code.matches("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,99}") || code.contains("..")) {
            throw Open311Exception.badRequest(
                    "service_code must start with a letter or digit and use only letters, digits"
                            + " and _ . - (at most 100, no '..')");
        }
        List<String> problems = body.problems();
        if (!problems.isEmpty()) {
            throw Open311Exception.badRequest(problems);
        }
        ServiceEntity service = ServiceEntity.<ServiceEntity>find(
                        "jurisdictionRef = ?1 and serviceCode = ?2", jurisdiction.id(), code)
                .firstResult();
        if (service == null) {
            service = new ServiceEntity();
            service.jurisdictionRef = jurisdiction.id();
            service.serviceCode = code;
        }
        if (body.attributes() == null) { // the stored definition stays: the rules must fit it
            List<String> ruleProblems = body.ruleProblems(storedDefinition(service));
            if (!ruleProblems.isEmpty()) {
                throw Open311Exception.badRequest(ruleProblems);
            }
        }
        ServiceDefinitions.apply(service, body);
        service.persist();
        em.flush();
        changed.fire(new CatalogueChanged(jurisdiction.id(), CatalogueChanged.Kind.SERVICE, code));
        return AdminServiceView.of(CatalogueService.from(service));
    }

    /** Creates or replaces an agency; {@code area} is a GeoJSON Polygon or MultiPolygon (WGS84), or null. */
    @PUT
    @Path("{jurisdiction_id}/agencies/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response putAgency(
            @PathParam("jurisdiction_id") String jurisdictionId, @PathParam("name") String name, AgencyInput body) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        AgencyInput input = body == null ? new AgencyInput(null, null, null) : body;
        agencies.put(jurisdiction, name, input.area(), input.mailAddresses(), input.onCallAddresses());
        changed.fire(new CatalogueChanged(jurisdiction.id(), CatalogueChanged.Kind.AGENCY, name));
        return Response.noContent().build();
    }

    /** Value keys by attribute code of a stored service (none for a non-list attribute). */
    private static Map<String, Set<String>> storedDefinition(ServiceEntity service) {
        Map<String, Set<String>> keys = new HashMap<>();
        if (service.id == null) {
            return keys; // a new service: nothing stored yet (its rules may then name no attribute)
        }
        for (AttributeView a : CatalogueService.from(service).attributes()) {
            Set<String> values = new HashSet<>();
            (a.values() == null ? List.<AttributeView.Value>of() : a.values()).forEach(v -> values.add(v.key()));
            keys.put(a.code(), values);
        }
        return keys;
    }

    private Jurisdiction scoped(String jurisdictionId) {
        identity.require(jurisdictionId, StaffIdentity.ADMIN);
        return jurisdictions.resolve(jurisdictionId);
    }
}
