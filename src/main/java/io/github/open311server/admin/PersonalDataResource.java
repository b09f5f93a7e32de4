package io.github.open311server.admin;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.privacy.PersonalDataErasure;
import io.github.open311server.privacy.PersonalDataReads;
import io.github.open311server.security.StaffIdentity;
import io.github.open311server.web.Open311Exception;

/**
 * Citizens' personal data for the city's administrators: erasing one citizen's data on request (the right to
 * erasure) with a receipt, the receipts of every erasure (scheduled retention included), and the audit of who
 * read which request's personal data.
 */
@Path("/admin/v1/jurisdictions/{jurisdiction_id}")
@RolesAllowed(StaffIdentity.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class PersonalDataResource {

    public record ErasureInput(String email) {}

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    StaffIdentity identity;

    @Inject
    PersonalDataErasure erasure;

    @Inject
    PersonalDataReads reads;

    /** Erases the personal data of every request of the jurisdiction filed with this e-mail address. */
    @POST
    @Path("erasures")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response erase(@PathParam("jurisdiction_id") String jurisdictionId, ErasureInput input) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        // matched as the citizen gave it (any case): no stricter check, an odd address must be erasable too
        if (input == null
                || input.email() == null
                || !input.email().contains("@")
                || input.email().strip().length() > 254) {
            throw Open311Exception.badRequest("email (the citizen's address, as they gave it) is required");
        }
        PersonalDataErasure.Receipt receipt = erasure.eraseByEmail(jurisdiction.id(), input.email(), identity.actor());
        return Response.status(201)
                .entity(receipt)
                .location(URI.create("/admin/v1/jurisdictions/" + jurisdiction.jurisdictionId() + "/erasures"))
                .build();
    }

    @GET
    @Path("erasures")
    public List<PersonalDataErasure.Receipt> erasures(
            @PathParam("jurisdiction_id") String jurisdictionId, @QueryParam("limit") String limit) {
        return erasure.receipts(scoped(jurisdictionId).id(), limit(limit));
    }

    @GET
    @Path("personal-data-reads")
    @Transactional
    public List<PersonalDataReads.Read> personalDataReads(
            @PathParam("jurisdiction_id") String jurisdictionId,
            @QueryParam("service_request_id") String serviceRequestId,
            @QueryParam("actor") String actor,
            @QueryParam("limit") String limit) {
        return reads.list(scoped(jurisdictionId).id(), blankAsNull(serviceRequestId), blankAsNull(actor), limit(limit));
    }

    private Jurisdiction scoped(String jurisdictionId) {
        identity.require(jurisdictionId, StaffIdentity.ADMIN);
        return jurisdictions.resolve(jurisdictionId);
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return 100;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 1 || n > 1000) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw Open311Exception.badRequest("limit must be a whole number from 1 to 1000");
        }
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
