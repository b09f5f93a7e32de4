package io.github.open311server.discovery;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.config.Open311Config;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.Format;
import io.github.open311server.web.PublicUrls;
import io.github.open311server.web.Renderer;
import io.github.open311server.web.Revalidated;

/**
 * Service Discovery at {@code /open311/discovery.*} (and, through {@link DiscoveryV2Resource}, under /open311/v2). The changeset
 * is the last change of the catalogue, so clients know when to refresh cached service lists.
 */
@Path("/open311")
public class DiscoveryResource {

    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    /** Paging, updated_*, bbox/radius, q, extensions=true, servicerequestupdates, GeoJSON: see README. */
    static final String EXTENSIONS = "http://wiki.open311.org/GeoReport_v2/Extensions";

    @Inject
    Open311Config config;

    @Inject
    Catalogue catalogue;

    @Inject
    PublicUrls urls;

    @Inject
    Renderer renderer;

    @GET
    @Revalidated
    @Path("discovery.{format}")
    public Response discovery(@PathParam("format") String suffix, @Context UriInfo uri) {
        Format format = Format.require(suffix);
        String changeset = Datetimes.formatUtc(catalogue.jurisdictions().stream()
                .map(Jurisdiction::changeset)
                .max(OffsetDateTime::compareTo)
                .orElse(OffsetDateTime.now()));
        DiscoveryDocument.Endpoint endpoint = new DiscoveryDocument.Endpoint(
                SPECIFICATION,
                urls.v2(uri),
                changeset,
                config.discovery().endpointType(),
                List.of("text/xml", "application/json"));
        // The same endpoint once more under the community's Extensions page: clients that look for
        // GeoReport_v2 ignore it, clients that know the extensions learn they are here. A format listed
        // here is a promise for every operation of the endpoint, so GeoJSON (GET requests only, see
        // README) is not listed: validators that try services.geojson would find nothing.
        DiscoveryDocument.Endpoint extensions = new DiscoveryDocument.Endpoint(
                EXTENSIONS,
                urls.v2(uri),
                changeset,
                config.discovery().endpointType(),
                List.of("text/xml", "application/json"));
        // Not GeoReport: the event feed (JSON only), specified by this server's OpenAPI document. Clients that
        // look for a GeoReport_v2 specification skip it.
        DiscoveryDocument.Endpoint events = new DiscoveryDocument.Endpoint(
                urls.origin(uri) + "/q/openapi",
                urls.v2(uri) + "/events.json",
                changeset,
                config.discovery().endpointType(),
                List.of("application/json"));
        return renderer.ok(
                format,
                new DiscoveryDocument(
                        changeset,
                        config.discovery().contact(),
                        config.discovery().keyService(),
                        List.of(endpoint, extensions, events)));
    }
}
