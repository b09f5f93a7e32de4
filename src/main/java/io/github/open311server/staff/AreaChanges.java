package io.github.open311server.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.requests.lifecycle.ChangeInput;
import io.github.open311server.requests.lifecycle.ExpectedVersion;
import io.github.open311server.requests.lifecycle.RequestLifecycle;
import io.github.open311server.web.Open311Exception;

/**
 * One change applied to every open request inside an area (a hotspot's cell or cluster, a district
 * drawn on a map): "baiting scheduled for the whole block". All or nothing, in one transaction: the
 * requests are selected and locked (in id order, so two area changes cannot deadlock), then each goes
 * through the one write path at the version it has under the lock, so nobody's change is overwritten
 * unseen. A change a request would refuse refuses the whole call, naming the request. Requests that already
 * have every value given (and no note is added) are left alone and listed as unchanged. A dry run does
 * everything, then rolls back: it answers exactly what the real call would do, or its error.
 */
@ApplicationScoped
public class AreaChanges {

    /** Requests one call may change: a bigger area is split, so no call holds the server for minutes. */
    static final int MAX_REQUESTS = 500;

    /** {@code area}: a GeoJSON Polygon or MultiPolygon in WGS 84; {@code change} without a version. */
    public record Input(JsonNode area, List<String> serviceCodes, ChangeInput change, Boolean dryRun) {}

    public record Result(int matched, boolean dryRun, List<String> changed, List<String> unchanged) {}

    private record Selected(
            String serviceRequestId, int version, String detailedStatus, String agencyResponsible, String priority) {

        /** Whether the change would set nothing new here: only fields, each already at the value given. */
        boolean alreadyHas(ChangeInput change) {
            return change.publicNote() == null
                    && change.internalNote() == null
                    && change.statusNotes() == null
                    && change.expectedDatetime() == null
                    && same(change.detailedStatus(), detailedStatus)
                    && same(change.agencyResponsible(), agencyResponsible)
                    && same(change.priority(), priority);
        }

        private static boolean same(String given, String current) {
            return given == null || given.strip().equalsIgnoreCase(current == null ? "" : current);
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    Catalogue catalogue;

    @Inject
    RequestLifecycle lifecycle;

    /** Checks the input and the area, then changes the requests in one transaction of their own. */
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
        checkArea(input.area().toString());
        try {
            return QuarkusTransaction.requiringNew().call(() -> applyLocked(jurisdiction, input, actor));
        } catch (DryRun done) {
            return done.result;
        }
    }

    /** Thrown out of a dry run's transaction so that it is rolled back, carrying what it would have done. */
    private static final class DryRun extends RuntimeException {

        private final transient Result result;

        DryRun(Result result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    private Result applyLocked(Jurisdiction jurisdiction, Input input, String actor) {
        List<Selected> selected = select(jurisdiction, input);
        if (selected.size() > MAX_REQUESTS) {
            throw Open311Exception.badRequest("The area holds more than " + MAX_REQUESTS
                    + " open requests: split it, or narrow it with service_codes");
        }
        List<String> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        ChangeInput change = input.change();
        for (Selected request : selected) {
            if (request.alreadyHas(change)) {
                unchanged.add(request.serviceRequestId());
                continue;
            }
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
            } catch (Open311Exception e) {
                throw new Open311Exception(
                        e.status(),
                        e.errors().stream()
                                .map(error -> request.serviceRequestId() + ": " + error.description())
                                .toList(),
                        Map.of());
            }
            changed.add(request.serviceRequestId());
        }
        boolean dryRun = Boolean.TRUE.equals(input.dryRun());
        Result result = new Result(selected.size(), dryRun, changed, unchanged);
        if (dryRun) {
            throw new DryRun(result); // everything was done and checked: now rolled back
        }
        return result;
    }

    private List<Selected> select(Jurisdiction jurisdiction, Input input) {
        StringBuilder sql = new StringBuilder("""
                SELECT r.service_request_id, r.version, r.detailed_status, r.agency_responsible, r.priority
                  FROM service_requests r, (SELECT ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) AS g) area
                 WHERE r.jurisdiction_ref = ? AND r.status = 'open' AND r.location && area.g
                   AND ST_Intersects(r.location, area.g)""");
        List<Long> services = null;
        if (input.serviceCodes() != null && !input.serviceCodes().isEmpty()) {
            services = catalogue.serviceIds(jurisdiction, input.serviceCodes());
            sql.append(" AND r.service_ref = ANY (?)");
        }
        sql.append(" ORDER BY r.id LIMIT ").append(MAX_REQUESTS + 1).append(" FOR UPDATE OF r");
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                statement.setString(1, input.area().toString());
                statement.setLong(2, jurisdiction.id());
                if (services != null) {
                    statement.setArray(3, connection.createArrayOf("bigint", services.toArray()));
                }
                List<Selected> selected = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        selected.add(new Selected(
                                rows.getString(1),
                                rows.getInt(2),
                                rows.getString(3),
                                rows.getString(4),
                                rows.getString(5)));
                    }
                }
                return selected;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("selecting the requests of an area failed", e);
        }
    }

    /**
     * A GeoJSON Polygon or MultiPolygon, or a 400 that says what it is instead. Checked on a connection of
     * its own, before the transaction: PostGIS refusing the text fails the statement it is in.
     */
    private void checkArea(String geoJson) {
        String type;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT GeometryType(ST_GeomFromGeoJSON(?))")) {
            statement.setString(1, geoJson);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                type = rows.getString(1);
            }
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.equals("XX000") || state.startsWith("22")) {
                throw Open311Exception.badRequest("area is not valid GeoJSON geometry: " + firstLine(e.getMessage()));
            }
            throw new IllegalStateException("checking an area failed", e);
        }
        if (!"POLYGON".equals(type) && !"MULTIPOLYGON".equals(type)) {
            throw Open311Exception.badRequest("area must be a GeoJSON Polygon or MultiPolygon; got " + type);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
