package io.github.open311server.requests.search;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A GET requests search after parsing. {@code ids} non-empty means "exactly these" and overrides
 * every other filter and the date window, as the spec says. Null filters are absent.
 */
public record RequestQuery(
        long jurisdictionRef,
        List<String> ids,
        Filters filters,
        Paging paging,
        boolean extensions,
        String fingerprint) {

    /** Exactly these requests, in one page: the spec lets ids override every filter and the window. */
    public static RequestQuery byIds(long jurisdictionRef, List<String> ids, boolean extensions) {
        return new RequestQuery(
                jurisdictionRef,
                List.copyOf(ids),
                Filters.NONE,
                new Paging(Sort.REQUESTED_DESC, ids.size(), 0, null, false),
                extensions,
                "ids");
    }

    /** What a list is filtered by; null means "not filtered by this". */
    public record Filters(
            List<Long> serviceRefs,
            List<String> statuses,
            Window requested,
            Window updated,
            BoundingBox bbox,
            Circle near,
            String text,
            List<String> agencies) {

        static final Filters NONE = new Filters(null, null, null, null, null, null, null, null);
    }

    /** A datetime range; either end may be open (null). */
    public record Window(OffsetDateTime from, OffsetDateTime to) {}

    /** Which slice of the ordered result: the order, its size, and where it starts (a keyset or an offset). */
    public record Paging(Sort sort, int pageSize, int offset, PageToken after, boolean countTotal) {}

    /** {@code minLon,minLat,maxLon,maxLat}, the 6Aika/Mark-a-Spot order. */
    public record BoundingBox(double minLon, double minLat, double maxLon, double maxLat) {}

    /** A point and a radius in metres. */
    public record Circle(double lon, double lat, double radiusMetres) {}

    /** The stable orders a list can be read in; each ends with the internal id as tie-break. */
    public enum Sort {
        REQUESTED_DESC("-requested_datetime"),
        REQUESTED_ASC("requested_datetime"),
        UPDATED_ASC("updated_datetime"),
        UPDATED_DESC("-updated_datetime"),
        DISTANCE("distance");

        private final String parameter;

        Sort(String parameter) {
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }

        /** Also {@code asc} and {@code desc}, as Mark-a-Spot's client sends them, for the requested-datetime orders. */
        public static Sort fromParameter(String value) {
            if ("desc".equalsIgnoreCase(value)) {
                return REQUESTED_DESC;
            }
            if ("asc".equalsIgnoreCase(value)) {
                return REQUESTED_ASC;
            }
            for (Sort sort : values()) {
                if (sort.parameter.equals(value)) {
                    return sort;
                }
            }
            return null;
        }
    }

    public boolean byIds() {
        return !ids.isEmpty();
    }
}
