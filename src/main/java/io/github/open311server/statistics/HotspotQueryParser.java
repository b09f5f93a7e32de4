package io.github.open311server.statistics;

import java.time.OffsetDateTime;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.Problems;
import io.github.open311server.web.QueryParams;

/**
 * The parameters of hotspots: a statistic's filters and window, then for a grid {@code cell} (hexagon or
 * square), {@code size} in metres and {@code min_count}, for clusters {@code distance} in metres and
 * {@code min_size}, and for either a second window to compare with ({@code compare_start_date},
 * {@code compare_end_date}).
 */
@ApplicationScoped
public class HotspotQueryParser {

    @Inject
    StatisticsQueryParser statistics;

    @Inject
    Datetimes datetimes;

    public HotspotQuery parse(boolean grid, Jurisdiction jurisdiction, MultivaluedMap<String, String> params) {
        for (String other : new String[] {"group_by", "interval"}) {
            if (QueryParams.single(params, other) != null) {
                throw Open311Exception.badRequest(other + " does not apply to hotspots");
            }
        }
        StatisticsQuery filters = statistics.parse(StatisticKind.REQUESTS, jurisdiction, params, false);
        Problems problems = new Problems();
        HotspotQuery.CellShape shape = grid ? shape(params, problems) : null;
        double size = number(params, "size", 250, 25, 5000, problems);
        int minCount = whole(params, "min_count", 1, 1, 1_000_000, problems);
        double distance = number(params, "distance", 100, 5, 2000, problems);
        int minSize = whole(params, "min_size", 5, 2, 10_000, problems);
        OffsetDateTime compareFrom =
                datetimes.parameter("compare_start_date", QueryParams.single(params, "compare_start_date"), problems);
        OffsetDateTime compareTo =
                datetimes.parameter("compare_end_date", QueryParams.single(params, "compare_end_date"), problems);
        problems.throwIfAny();
        if ((compareFrom == null) != (compareTo == null)) {
            throw Open311Exception.badRequest("compare_start_date and compare_end_date go together");
        }
        if (compareFrom != null && !grid) {
            throw Open311Exception.badRequest("compare_start_date and compare_end_date apply to the grid: "
                    + "clusters of two windows are not the same clusters");
        }
        if (compareFrom != null) {
            StatisticsQueryParser.window(compareFrom, compareTo, null);
        }
        return new HotspotQuery(filters, compareFrom, compareTo, shape, size, minCount, distance, minSize);
    }

    private static HotspotQuery.CellShape shape(MultivaluedMap<String, String> params, Problems problems) {
        String value = QueryParams.single(params, "cell");
        if (value == null || value.equalsIgnoreCase("hexagon")) {
            return HotspotQuery.CellShape.HEXAGON;
        }
        if (value.equalsIgnoreCase("square")) {
            return HotspotQuery.CellShape.SQUARE;
        }
        problems.add("cell must be hexagon or square; got '" + value.toLowerCase(Locale.ROOT) + "'");
        return HotspotQuery.CellShape.HEXAGON;
    }

    private static double number(
            MultivaluedMap<String, String> params,
            String name,
            double fallback,
            double min,
            double max,
            Problems problems) {
        String value = QueryParams.single(params, name);
        if (value == null) {
            return fallback;
        }
        Double number = QueryParams.decimal(name, value, Double.MAX_VALUE, problems);
        return number == null ? fallback : inRange(name, number, value, min, max, fallback, problems);
    }

    private static int whole(
            MultivaluedMap<String, String> params, String name, int fallback, int min, int max, Problems problems) {
        int number = QueryParams.wholeNumber(params, name, fallback, problems);
        return (int) inRange(name, number, QueryParams.single(params, name), min, max, fallback, problems);
    }

    private static double inRange(
            String name, double number, String given, double min, double max, double fallback, Problems problems) {
        if (number < min || number > max) {
            problems.add(name + " must be from " + (long) min + " to " + (long) max + "; got " + given);
            return fallback;
        }
        return number;
    }
}
