package io.github.open311server.statistics;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * Hotspots as an RFC 7946 FeatureCollection: one feature per cell or cluster. What was asked travels as
 * foreign members (allowed by RFC 7946, section 6.1), so a map can label itself.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HotspotDocument(
        String type,
        String hotspots,
        String startDate,
        String endDate,
        String compareStartDate,
        String compareEndDate,
        Double sizeMetres,
        Double distanceMetres,
        Integer minSize,
        List<Feature> features) {

    public record Feature(String type, @JsonRawValue String geometry, Properties properties) {}

    /**
     * A cell's or cluster's requests: how many in the window, how many of them are open, and the ids of
     * the newest; with a comparison, how many in the compared window and the change.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Properties(
            long count,
            long openCount,
            List<String> sampleIds,
            Long compareCount,
            Long change,
            List<BigDecimal> centroid) {}
}
