package io.github.open311server.requests.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.requests.export.ExportFormat;
import io.github.open311server.requests.export.RequestExport;
import io.github.open311server.requests.search.RequestQuery;
import io.github.open311server.requests.search.RequestQueryParser;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.PublicUrls;

/**
 * The open data export (an extension): every public request in CSV, NDJSON or GeoJSON, streamed, with
 * the filters of GET requests. Without dates it is the whole history, oldest change first; with
 * {@code updated_after} it is what changed since a portal's last refresh. No key, like every public read.
 */
@Path("/open311/v2/exports")
public class ExportResource {

    /**
     * Exports streaming at once on this node. Each holds a worker thread for the whole download, so a
     * few slow readers must not take every thread the other endpoints need.
     */
    static final int MAX_RUNNING = 4;

    private static final AtomicInteger RUNNING = new AtomicInteger();

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    RequestQueryParser parser;

    @Inject
    RequestExport export;

    @Inject
    PublicUrls urls;

    @Inject
    Datetimes datetimes;

    @GET
    @Path("requests.{format}")
    public Response requests(@PathParam("format") String suffix, @Context UriInfo uri) {
        ExportFormat format = ExportFormat.ofSuffix(suffix)
                .orElseThrow(() -> Open311Exception.notFound(
                        "Unsupported export format '" + suffix + "': use .csv, .ndjson or .geojson"));
        MultivaluedMap<String, String> params = new MultivaluedHashMap<>(uri.getQueryParameters());
        for (String paging : new String[] {"page", "page_size", "page_token", "service_request_id"}) {
            if (params.containsKey(paging)) {
                throw Open311Exception.badRequest(
                        paging + " does not apply to an export: it streams every request that matches");
            }
        }
        boolean dated = params.containsKey("start_date")
                || params.containsKey("end_date")
                || params.containsKey("updated_after")
                || params.containsKey("updated_before");
        if (!dated) {
            params.putSingle("updated_after", "1970-01-01T00:00:00Z"); // the whole history, not the 90-day window
        }
        params.putIfAbsent("sort", List.of("updated_datetime"));
        Jurisdiction jurisdiction = jurisdictions.resolve(params);
        RequestQuery query = parser.parse(jurisdiction, params); // a bad parameter is a 400 before anything streams
        if (RUNNING.get() >= MAX_RUNNING) {
            throw new Open311Exception(
                    503,
                    List.of("Too many exports are running on this server; retry in a minute"),
                    Map.of("Retry-After", "60"));
        }
        String origin = urls.origin(uri);
        StreamingOutput body = out -> {
            RUNNING.incrementAndGet(); // counted while it streams: an answer never written holds nothing
            try {
                export.write(query, format, origin, out);
            } finally {
                RUNNING.decrementAndGet();
            }
        };
        String file = "requests-" + jurisdiction.jurisdictionId() + "-"
                + datetimes.now().toLocalDate() + "." + format.suffix();
        return Response.ok(body, format.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .build();
    }
}
