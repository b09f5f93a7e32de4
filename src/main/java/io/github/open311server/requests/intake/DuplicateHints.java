package io.github.open311server.requests.intake;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.config.Open311Config;
import io.github.open311server.database.TransactionSql;
import io.github.open311server.time.Datetimes;

/**
 * Possible duplicates of a new report: open requests of the same service within a configured distance
 * and age, nearest first (Mark-a-Spot's hint mode). Uses the partial geography index on open requests.
 */
@ApplicationScoped
public class DuplicateHints {

    @Inject
    TransactionSql sql;

    @Inject
    Open311Config config;

    @Inject
    Datetimes datetimes;

    public List<PostedRequest.DuplicateCandidate> near(
            Jurisdiction jurisdiction, CatalogueService service, double lon, double lat) {
        int radius = config.duplicates().radiusMetres();
        if (radius <= 0) {
            return List.of();
        }
        return sql.list(
                """
                SELECT service_request_id,
                       ST_Distance(location::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography),
                       requested_datetime
                  FROM service_requests
                 WHERE status = 'open' AND NOT hidden AND jurisdiction_ref = ? AND service_ref = ?
                   AND requested_datetime >= ?
                   AND ST_DWithin(location::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)
                 ORDER BY 2, id LIMIT 5""",
                row -> new PostedRequest.DuplicateCandidate(
                        row.getString(1),
                        (int) Math.round(row.getDouble(2)),
                        datetimes.format(row.getObject(3, OffsetDateTime.class))),
                lon,
                lat,
                jurisdiction.id(),
                service.id(),
                datetimes.now().minusDays(config.duplicates().maxAgeDays()),
                lon,
                lat,
                (double) radius);
    }

    static String notice(List<PostedRequest.DuplicateCandidate> candidates) {
        return "Similar open reports nearby: "
                + candidates.stream()
                        .map(c -> c.serviceRequestId() + " (" + c.distanceMetres() + " m)")
                        .collect(Collectors.joining(", "))
                + ".";
    }
}
