package io.github.open311server.requests.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.github.open311server.requests.RequestPage;
import io.github.open311server.requests.RequestView;

/**
 * GET requests as an RFC 7946 FeatureCollection for map libraries: one Point feature per request
 * ([long, lat]), the request's fields as properties. Requests without a location cannot be drawn:
 * they are left out and counted in the foreign member {@code without_location}.
 */
public final class GeoJsonFeatures {

    private static final ObjectMapper PROPERTIES = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private GeoJsonFeatures() {}

    public static Map<String, Object> collection(RequestPage page) {
        List<Map<String, Object>> features = new ArrayList<>();
        for (RequestView view : page.requests()) {
            if (view.lat() == null || view.lon() == null) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = PROPERTIES.convertValue(view, LinkedHashMap.class);
            properties.remove("lat");
            properties.remove("long");
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("type", "Feature");
            feature.put("id", view.serviceRequestId());
            feature.put("geometry", Map.of("type", "Point", "coordinates", List.of(view.lon(), view.lat())));
            feature.put("properties", properties);
            features.add(feature);
        }
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("type", "FeatureCollection");
        collection.put("features", features);
        collection.put("without_location", page.withoutLocation());
        if (page.nextPageToken() != null) {
            collection.put("next_page_token", page.nextPageToken());
        }
        return collection;
    }
}
