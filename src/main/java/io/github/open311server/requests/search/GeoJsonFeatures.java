package io.github.open311server.requests.search;

import java.math.BigDecimal;
import java.util.List;

import io.github.open311server.requests.RequestPage;
import io.github.open311server.requests.RequestView;

/**
 * GET requests as an RFC 7946 FeatureCollection for map libraries: one Point feature per request
 * ([long, lat]), the request's fields as properties. Requests without a location cannot be drawn:
 * they are left out and counted in the foreign member {@code without_location}. Written by the
 * one renderer, so GeoJSON follows the same JSON rules as every other answer.
 */
public record GeoJsonFeatures(String type, List<Feature> features, int withoutLocation, String nextPageToken) {

    public record Feature(String type, String id, Point geometry, RequestView properties) {}

    public record Point(String type, List<BigDecimal> coordinates) {}

    public static GeoJsonFeatures collection(RequestPage page) {
        List<Feature> features = page.requests().stream()
                .filter(view -> view.lat() != null && view.lon() != null)
                .map(GeoJsonFeatures::feature)
                .toList();
        return new GeoJsonFeatures("FeatureCollection", features, page.withoutLocation(), page.nextPageToken());
    }

    /** The position is the geometry: it is not repeated among the properties. */
    public static Feature feature(RequestView view) {
        Point point = new Point("Point", List.of(view.lon(), view.lat()));
        return new Feature("Feature", view.serviceRequestId(), point, view.withoutPosition());
    }
}
