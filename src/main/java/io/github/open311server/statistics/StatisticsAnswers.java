package io.github.open311server.statistics;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.config.Open311Config;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.Renderer;

/**
 * A statistic from the path to the answer, shared by the public and the staff endpoints: which one
 * ({@code requests}, {@code performance}, {@code backlog}, {@code trends}), in JSON or CSV, cacheable for
 * as long as the server caches it.
 */
@ApplicationScoped
public class StatisticsAnswers {

    static final int MAX_AGE_SECONDS = 60;

    @Inject
    StatisticsQueryParser parser;

    @Inject
    Statistics statistics;

    @Inject
    Renderer renderer;

    @Inject
    Datetimes datetimes;

    @Inject
    Open311Config config;

    public Response answer(
            String statistic,
            String suffix,
            Jurisdiction jurisdiction,
            MultivaluedMap<String, String> params,
            boolean staff) {
        boolean csv = switch (suffix.toLowerCase(Locale.ROOT)) {
            case "csv" -> true;
            case "json" -> false;
            default -> throw Open311Exception.notFound("Unsupported format '" + suffix + "': use .json or .csv");
        };
        StatisticKind kind = StatisticKind.fromWire(statistic)
                .orElseThrow(() -> Open311Exception.notFound("Unknown statistic '" + statistic
                        + "': use requests, performance, backlog, trends or contacts"));
        StatisticsQuery query = parser.parse(kind, jurisdiction, params, staff);
        StatisticsTable table = statistics.answer(query);
        String cacheControl = (staff ? "private" : "public") + ", max-age=" + MAX_AGE_SECONDS;
        if (csv) {
            String file = kind.wireName() + "-" + jurisdiction.jurisdictionId() + "-"
                    + datetimes.now().toLocalDate() + ".csv";
            return Response.ok(table.csv().getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8; header=present")
                    .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                    .header("Cache-Control", cacheControl)
                    .build();
        }
        StatisticsDocument document = new StatisticsDocument(
                kind.wireName(),
                jurisdiction.jurisdictionId(),
                query.from() == null ? null : datetimes.format(query.from()),
                query.to() == null ? null : datetimes.format(query.to()),
                config.timeZone().getId(),
                query.interval() == null ? null : query.interval().wireName(),
                query.groupBy().stream().map(Dimension::wireName).toList(),
                datetimes.format(datetimes.now()),
                table.rows());
        return Response.ok(renderer.jsonBytes(document), "application/json; charset=utf-8")
                .header("Cache-Control", cacheControl)
                .build();
    }
}
