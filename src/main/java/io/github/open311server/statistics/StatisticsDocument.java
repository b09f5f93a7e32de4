package io.github.open311server.statistics;

import java.util.List;
import java.util.Map;

/**
 * A statistic as JSON: what was asked (window, time zone, grouping) and the rows. {@code start_date} and
 * {@code end_date} are null for a backlog of every open request.
 */
public record StatisticsDocument(
        String statistic,
        String jurisdictionId,
        String startDate,
        String endDate,
        String timeZone,
        String interval,
        List<String> groupBy,
        String generatedDatetime,
        List<Map<String, Object>> rows) {}
