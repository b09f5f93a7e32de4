package io.github.open311server.staff;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.requests.Channel;
import io.github.open311server.requests.intake.InformationContacts;
import io.github.open311server.security.StaffIdentity;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.Texts;

/**
 * A call taker logs an information call (opening hours, where to get a bin) without filing a work item: the
 * answer to read out is the service's notice, and the contact is counted by the contacts statistic.
 */
@Path("/staff/v1/jurisdictions/{jurisdiction_id}/contacts")
@RolesAllowed({StaffIdentity.STAFF, StaffIdentity.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class ContactsResource {

    public record ContactInput(String serviceCode, String channel, String note) {}

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    StaffIdentity identity;

    @Inject
    Catalogue catalogue;

    @Inject
    InformationContacts contacts;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response log(@PathParam("jurisdiction_id") String jurisdictionId, ContactInput input) {
        identity.require(jurisdictionId, StaffIdentity.STAFF, StaffIdentity.ADMIN);
        Jurisdiction jurisdiction = jurisdictions.resolve(jurisdictionId);
        if (input == null || input.serviceCode() == null) {
            throw Open311Exception.badRequest("service_code is required");
        }
        Channel channel = Channel.fromWire(input.channel())
                .orElseThrow(() -> Open311Exception.badRequest("channel is required: one of " + Channel.names()));
        CatalogueService service = catalogue
                .activeService(jurisdiction, input.serviceCode().strip())
                .orElseThrow(() -> Open311Exception.notFound(
                        "service_code '" + input.serviceCode().strip() + "' not found"));
        if (!service.informational()) {
            throw Open311Exception.badRequest("'" + service.code()
                    + "' is not an informational service: file a request for it (POST …/requests)");
        }
        String clean = input.note() == null ? null : Texts.clean(input.note());
        String note = clean == null || clean.isBlank() ? null : clean.strip();
        if (note != null && note.length() > 4000) {
            throw Open311Exception.badRequest("note is longer than 4000 characters");
        }
        return Response.status(201)
                .entity(contacts.log(service, channel, null, identity.actor(), note))
                .build();
    }
}
