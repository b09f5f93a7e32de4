package io.github.open311server.statistics.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.statistics.StatisticsAnswers;

/**
 * Public statistics (an extension): counts, time to close, backlog and trends of the published requests,
 * grouped by what GET requests publishes. No key, like every public read; blackbox services are left out.
 */
@Path("/open311/v2/statistics")
public class StatisticsResource {

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    StatisticsAnswers answers;

    @GET
    @Path("{statistic}.{stats_format}")
    public Response statistic(
            @PathParam("statistic") String statistic, @PathParam("stats_format") String format, @Context UriInfo uri) {
        var params = uri.getQueryParameters();
        return answers.answer(statistic, format, jurisdictions.resolve(params), params, false);
    }
}
