package io.github.open311server.tokens;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.requests.RequestView;
import io.github.open311server.requests.ServiceRequestsDocument;
import io.github.open311server.requests.search.RequestSearch;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.Renderer;
import io.github.open311server.web.Suffixed;

/**
 * GET service_request_id from a token (reference 2.5). Requests are stored before the POST is
 * answered, so a token always resolves at once to its id.
 */
@Path("/open311/v2")
public class TokensResource {

    public record TokenView(String serviceRequestId, String token) {}

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    RequestSearch search;

    @Inject
    Renderer renderer;

    @GET
    @Path("tokens/{tail: .+}")
    public Response token(@PathParam("tail") String tail, @QueryParam("jurisdiction_id") String jurisdictionId) {
        Suffixed path = Suffixed.parse(tail);
        Jurisdiction jurisdiction = jurisdictions.resolve(jurisdictionId);
        String id = search.byToken(jurisdiction.id(), path.name(), false)
                .map(RequestView::serviceRequestId)
                .orElseThrow(() -> Open311Exception.notFound("token '" + path.name() + "' not found"));
        return renderer.ok(path.format(), new ServiceRequestsDocument<>(List.of(new TokenView(id, path.name()))));
    }
}
