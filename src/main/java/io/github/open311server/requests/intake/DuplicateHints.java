package io.github.open311server.requests.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.config.Open311Config;
import io.github.open311server.time.Datetimes;

/**
 * Possible duplicates of a new report: open requests of the same service within a configured distance
 * and age, nearest first (Mark-a-Spot's hint mode). Uses the partial geography index on open requests.
 */
@ApplicationScoped
public class DuplicateHints {

    @Inject
    EntityManager em;

    @Inject
    Open311Config config;

    @Inject
    Datetimes datetimes;

    @SuppressWarnings("unchecked")
    public List<PostedRequest.DuplicateCandidate> near(
            Jurisdiction jurisdiction, CatalogueService service, double lon, double lat) {
        int radius = config.duplicates().radiusMetres();
        if (radius <= 0) {
            return List.of();
        }
        List<Object[]> rows = em.createNativeQuery("""
                SELECT service_request_id,
                       ST_Distance(location::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography),
                       requested_datetime
                  FROM service_requests
                 WHERE status = 'open' AND NOT hidden AND jurisdiction_ref = :j AND service_ref = :s
                   AND requested_datetime >= :since
                   AND ST_DWithin(location::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, :radius)
                 ORDER BY 2, id LIMIT 5""")
                .setParameter("lon", lon)
                .setParameter("lat", lat)
                .setParameter("j", jurisdiction.id())
                .setParameter("s", service.id())
                .setParameter(
                        "since", datetimes.now().minusDays(config.duplicates().maxAgeDays()))
                .setParameter("radius", (double) radius)
                .getResultList();
        return rows.stream()
                .map(r -> new PostedRequest.DuplicateCandidate(
                        (String) r[0],
                        (int) Math.round(((Number) r[1]).doubleValue()),
                        datetimes.format(toOffset(r[2]))))
                .toList();
    }

    static String notice(List<PostedRequest.DuplicateCandidate> candidates) {
        return "Similar open reports nearby: "
                + candidates.stream()
                        .map(c -> c.serviceRequestId() + " (" + c.distanceMetres() + " m)")
                        .collect(Collectors.joining(", "))
                + ".";
    }

    private static OffsetDateTime toOffset(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString());
    }
}
