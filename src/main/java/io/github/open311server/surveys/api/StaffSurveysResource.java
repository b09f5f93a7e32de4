package io.github.open311server.surveys.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.requests.lifecycle.RequestLifecycle;
import io.github.open311server.security.StaffIdentity;
import io.github.open311server.surveys.SurveyAnswers;
import io.github.open311server.surveys.SurveyResults;
import io.github.open311server.web.Open311Exception;

/** Survey answers for staff: one request's, and per service in aggregate. Never in a public answer. */
@Path("/staff/v1/jurisdictions/{jurisdiction_id}")
@RolesAllowed({StaffIdentity.STAFF, StaffIdentity.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class StaffSurveysResource {

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    StaffIdentity identity;

    @Inject
    RequestLifecycle lifecycle;

    @Inject
    SurveyResults results;

    @GET
    @Path("requests/{id}/survey")
    @Transactional
    public SurveyAnswers.StaffView answer(
            @PathParam("jurisdiction_id") String jurisdictionId, @PathParam("id") String id) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        return results.of(lifecycle.find(jurisdiction, id).id)
                .orElseThrow(() -> Open311Exception.notFound("Request " + id + " has no survey answer (yet)"));
    }

    @GET
    @Path("surveys")
    @Transactional
    public List<SurveyResults.ServiceSummary> summary(@PathParam("jurisdiction_id") String jurisdictionId) {
        return results.byService(scoped(jurisdictionId).id());
    }

    private Jurisdiction scoped(String jurisdictionId) {
        identity.require(jurisdictionId, StaffIdentity.STAFF, StaffIdentity.ADMIN);
        return jurisdictions.resolve(jurisdictionId);
    }
}
