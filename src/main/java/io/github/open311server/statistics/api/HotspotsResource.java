package io.github.open311server.statistics.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.statistics.HotspotAnswers;

/**
 * Where requests cluster (an extension; the rodent case): a GeoJSON grid of hexagons or squares, or
 * density clusters, of the published requests a statistic's filters select, optionally against a second
 * window. No key, like every public read.
 */
@Path("/open311/v2/hotspots")
public class HotspotsResource {

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    HotspotAnswers answers;

    @GET
    @Path("{hotspots}.{hotspot_format}")
    public Response hotspots(
            @PathParam("hotspots") String hotspots, @PathParam("hotspot_format") String format, @Context UriInfo uri) {
        var params = uri.getQueryParameters();
        return answers.answer(hotspots, format, jurisdictions.resolve(params), params);
    }
}
