package io.github.open311server.requests;

import java.util.List;

/**
 * One page of a search: the requests, the token of the next page (null on the last one), and the
 * total when it was asked for (null otherwise).
 */
public record RequestPage(List<RequestView> requests, String nextPageToken, Total total, int withoutLocation) {

    /**
     * How many requests match, and how that number is known. Counting every match of a big city's list
     * would cost many pages' worth of work on every first page, so only small totals are counted.
     */
    public record Total(long value, Kind kind) {

        public static Total exact(long value) {
            return new Total(value, Kind.EXACT);
        }
    }

    public enum Kind {
        /** Counted: there are exactly this many. */
        EXACT,
        /** Counting stopped at the limit: there are more than this many. */
        MORE_THAN,
        /** PostgreSQL's planner expects about this many, well beyond the limit: not counted. */
        ESTIMATE
    }
}
