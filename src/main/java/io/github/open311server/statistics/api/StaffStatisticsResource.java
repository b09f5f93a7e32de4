package io.github.open311server.statistics.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.security.StaffIdentity;
import io.github.open311server.statistics.StatisticsAnswers;

/**
 * The staff version of the statistics: every service (blackbox ones too), the internal dimensions
 * (priority, channel) and the survey results (answers, mean satisfaction, share said fixed).
 */
@Path("/staff/v1/jurisdictions/{jurisdiction_id}/statistics")
@RolesAllowed({StaffIdentity.STAFF, StaffIdentity.ADMIN})
public class StaffStatisticsResource {

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    StaffIdentity identity;

    @Inject
    StatisticsAnswers answers;

    @GET
    @Path("{statistic}.{stats_format}")
    public Response statistic(
            @PathParam("jurisdiction_id") String jurisdictionId,
            @PathParam("statistic") String statistic,
            @PathParam("stats_format") String format,
            @Context UriInfo uri) {
        identity.require(jurisdictionId, StaffIdentity.STAFF, StaffIdentity.ADMIN);
        return answers.answer(statistic, format, jurisdictions.resolve(jurisdictionId), uri.getQueryParameters(), true);
    }
}
