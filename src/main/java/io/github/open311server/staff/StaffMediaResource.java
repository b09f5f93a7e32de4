package io.github.open311server.staff;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.media.MediaStorage;
import io.github.open311server.requests.RequestMediaEntity;
import io.github.open311server.requests.ServiceRequestEntity;
import io.github.open311server.security.StaffIdentity;
import io.github.open311server.web.Open311Exception;

/** Photos as staff see them: withdrawn ones too (moderation took them out of the public answers, not away). */
@Path("/staff/v1/jurisdictions/{jurisdiction_id}/media")
@RolesAllowed({StaffIdentity.STAFF, StaffIdentity.ADMIN})
public class StaffMediaResource {

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    StaffIdentity identity;

    @Inject
    MediaStorage storage;

    @GET
    @Path("{id}")
    @Transactional
    public Response media(@PathParam("jurisdiction_id") String jurisdictionId, @PathParam("id") String id) {
        identity.require(jurisdictionId, StaffIdentity.STAFF, StaffIdentity.ADMIN);
        Jurisdiction jurisdiction = jurisdictions.resolve(jurisdictionId);
        RequestMediaEntity media = null;
        try {
            media = RequestMediaEntity.findById(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            // not a media id: not found below
        }
        ServiceRequestEntity request = media == null ? null : ServiceRequestEntity.findById(media.requestRef);
        if (request == null || request.jurisdictionRef != jurisdiction.id()) {
            throw Open311Exception.notFound("media '" + id + "' not found");
        }
        return storage.serve(media, "private, no-store", false);
    }
}
