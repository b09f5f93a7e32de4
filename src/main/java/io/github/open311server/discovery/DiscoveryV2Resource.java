package io.github.open311server.discovery;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.github.open311server.web.Revalidated;

/**
 * The same discovery document inside the v2 endpoint, where some clients look for it. A class of its
 * own because routing matches the longest class path first: /open311/v2 paths live under /open311/v2.
 */
@Path("/open311/v2")
public class DiscoveryV2Resource {

    @Inject
    DiscoveryResource discovery;

    @GET
    @Revalidated
    @Path("discovery.{format}")
    public Response discovery(@PathParam("format") String suffix, @Context UriInfo uri) {
        return discovery.discovery(suffix, uri);
    }
}
