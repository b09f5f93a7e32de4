package io.github.open311server.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.requests.lifecycle.ChangeInput;
import io.github.open311server.requests.lifecycle.ExpectedVersion;
import io.github.open311server.requests.lifecycle.RequestLifecycle;
import io.github.open311server.web.Open311Exception;

/**
 * One change applied to every open request inside an area (a hotspot's cell or cluster, a district
 * drawn on a map): "baiting scheduled for the whole block". Each request is changed on its own, through
 * the one write path, against the version it had when it was selected: one that someone changed in the
 * meantime is reported as a conflict, not overwritten. A dry run only says which requests it would change.
 */
@ApplicationScoped
public class AreaChanges {

    /** Requests one call may change: a bigger area is split, so no call holds the server for minutes. */
    static final int MAX_REQUESTS = 500;

    /** {@code area}: a GeoJSON Polygon or MultiPolygon in WGS 84; {@code change} without a version. */
    public record Input(JsonNode area, List<String> serviceCodes, ChangeInput change, Boolean dryRun) {}

    public record Result(int matched, boolean dryRun, List<String> changed, List<String> conflicts) {}

    private record Selected(String serviceRequestId, int version) {}

    @Inject
    DataSource dataSource;

    @Inject
    Catalogue catalogue;

    @Inject
    RequestLifecycle lifecycle;

    public Result apply(Jurisdiction jurisdiction, Input input, String actor) {
        if (input == null || input.area() == null || !input.area().isObject()) {
            throw Open311Exception.badRequest("area (a GeoJSON Polygon or MultiPolygon) is required");
        }
        if (input.change() == null) {
            throw Open311Exception.badRequest("change (the fields to set, as in PATCH of one request) is required");
        }
        if (input.change().version() != null) {
            throw Open311Exception.badRequest(
                    "change takes no version: each request is changed at the version it was selected at");
        }
        List<Selected> selected = select(jurisdiction, input);
        if (selected.size() > MAX_REQUESTS) {
            throw Open311Exception.badRequest("The area holds more than " + MAX_REQUESTS
                    + " open requests: split it, or narrow it with service_codes");
        }
        boolean dryRun = Boolean.TRUE.equals(input.dryRun());
        List<String> changed = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (Selected request : selected) {
            if (dryRun) {
                changed.add(request.serviceRequestId());
                continue;
            }
            ChangeInput change = input.change();
            try {
                lifecycle.change(
                        jurisdiction,
                        request.serviceRequestId(),
                        new ChangeInput(
                                request.version(),
                                change.detailedStatus(),
                                change.statusNotes(),
                                change.agencyResponsible(),
                                change.expectedDatetime(),
                                change.publicNote(),
                                change.internalNote(),
                                change.priority()),
                        new ExpectedVersion(request.version(), false),
                        actor);
                changed.add(request.serviceRequestId());
            } catch (Open311Exception e) {
                if (e.status() != 409) {
                    throw e; // a bad change is bad for every request: the first one says why
                }
                conflicts.add(request.serviceRequestId());
            }
        }
        return new Result(selected.size(), dryRun, changed, conflicts);
    }

    private List<Selected> select(Jurisdiction jurisdiction, Input input) {
        StringBuilder sql = new StringBuilder("""
                WITH area AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) AS g)
                SELECT r.service_request_id, r.version, GeometryType(area.g) FROM area
                  LEFT JOIN service_requests r ON r.jurisdiction_ref = ? AND r.status = 'open'
                       AND r.location && area.g AND ST_Intersects(r.location, area.g)""");
        List<Long> services = null;
        if (input.serviceCodes() != null && !input.serviceCodes().isEmpty()) {
            services = input.serviceCodes().stream()
                    .map(code -> catalogue.service(jurisdiction, code))
                    .flatMap(Optional::stream)
                    .map(CatalogueService::id)
                    .toList();
            sql.append(" AND r.service_ref = ANY (?)");
        }
        sql.append(" ORDER BY r.id LIMIT ").append(MAX_REQUESTS + 1);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setString(1, input.area().toString());
            statement.setLong(2, jurisdiction.id());
            if (services != null) {
                statement.setArray(3, connection.createArrayOf("bigint", services.toArray()));
            }
            List<Selected> selected = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(3);
                    if (!"POLYGON".equals(type) && !"MULTIPOLYGON".equals(type)) {
                        throw Open311Exception.badRequest(
                                "area must be a GeoJSON Polygon or MultiPolygon; got " + type);
                    }
                    if (rows.getString(1) != null) {
                        selected.add(new Selected(rows.getString(1), rows.getInt(2)));
                    }
                }
            }
            return selected;
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.equals("XX000") || state.startsWith("22")) {
                // PostGIS refuses what is not GeoJSON geometry: the caller's mistake
                throw Open311Exception.badRequest("area is not valid GeoJSON geometry: " + firstLine(e.getMessage()));
            }
            throw new IllegalStateException("selecting the requests of an area failed", e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
