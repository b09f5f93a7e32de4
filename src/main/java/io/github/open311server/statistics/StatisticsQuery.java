package io.github.open311server.statistics;

import java.time.OffsetDateTime;
import java.util.List;

import io.github.open311server.requests.search.RequestQuery.BoundingBox;
import io.github.open311server.requests.search.RequestQuery.Circle;

/**
 * One statistic after parsing. The window is half-open, {@code [from, to)}, so a request filed at
 * midnight belongs to one day only; it is null for a backlog asked without dates (every open request).
 * Null filters are absent. A record, so equal questions share one cached answer.
 */
public record StatisticsQuery(
        StatisticKind kind,
        long jurisdictionRef,
        OffsetDateTime from,
        OffsetDateTime to,
        List<Long> serviceRefs,
        List<String> statuses,
        List<String> agencies,
        BoundingBox bbox,
        Circle near,
        List<Dimension> groupBy,
        Interval interval,
        boolean staff) {

    public boolean windowed() {
        return from != null;
    }

    /** The same question over another window (null, null: no window). */
    StatisticsQuery withWindow(OffsetDateTime otherFrom, OffsetDateTime otherTo) {
        return new StatisticsQuery(
                kind,
                jurisdictionRef,
                otherFrom,
                otherTo,
                serviceRefs,
                statuses,
                agencies,
                bbox,
                near,
                groupBy,
                interval,
                staff);
    }
}
