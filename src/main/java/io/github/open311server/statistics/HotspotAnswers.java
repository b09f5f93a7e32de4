package io.github.open311server.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.Format;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.Renderer;

/** Hotspots from the path to the answer: {@code grid} or {@code clusters}, as GeoJSON. */
@ApplicationScoped
public class HotspotAnswers {

    @Inject
    HotspotQueryParser parser;

    @Inject
    Hotspots hotspots;

    @Inject
    Renderer renderer;

    @Inject
    Datetimes datetimes;

    public Response answer(
            String kind, String suffix, Jurisdiction jurisdiction, MultivaluedMap<String, String> params) {
        if (!"geojson".equalsIgnoreCase(suffix)) {
            throw Open311Exception.notFound("Unsupported format '" + suffix + "': hotspots are .geojson");
        }
        boolean grid = switch (kind) {
            case "grid" -> true;
            case "clusters" -> false;
            default -> throw Open311Exception.notFound("Unknown hotspots '" + kind + "': use grid or clusters");
        };
        HotspotQuery query = parser.parse(grid, jurisdiction, params);
        HotspotDocument document = new HotspotDocument(
                "FeatureCollection",
                kind,
                datetimes.format(query.filters().from()),
                datetimes.format(query.filters().to()),
                query.compared() ? datetimes.format(query.compareFrom()) : null,
                query.compared() ? datetimes.format(query.compareTo()) : null,
                grid ? query.sizeMetres() : null,
                grid ? null : query.distanceMetres(),
                grid ? null : query.minSize(),
                hotspots.features(query));
        return Response.ok(renderer.jsonBytes(document), Format.GEOJSON.mediaType())
                .header("Cache-Control", "public, max-age=" + StatisticsAnswers.MAX_AGE_SECONDS)
                .build();
    }
}
