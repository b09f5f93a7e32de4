package io.github.open311server.updates;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.clients.Sha256;
import io.github.open311server.config.Open311Config;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.FormDecoder;
import io.github.open311server.web.FormFields;
import io.github.open311server.web.Format;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.QueryParams;
import io.github.open311server.web.Renderer;

/**
 * The mySociety {@code servicerequestupdates} resource (reference 6.6), so FixMyStreet-style
 * integrations can pull the city's status changes and push their own: GET the public updates of a
 * time window; POST an update, idempotent on the client's {@code update_id}.
 */
@Path("/open311/v2")
public class ServiceRequestUpdatesResource {

    private static final int MAX_UPDATES = 1000;

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    Catalogue catalogue;

    @Inject
    Open311Config config;

    @Inject
    Datetimes datetimes;

    @Inject
    DataSource dataSource;

    @Inject
    Renderer renderer;

    @Inject
    UpdateIntake intake;

    @GET
    @Path("servicerequestupdates.{format}")
    public Response list(@PathParam("format") String suffix, @Context UriInfo uri) {
        Format format = Format.require(suffix);
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        Jurisdiction jurisdiction = jurisdictions.resolve(params);
        OffsetDateTime end = date(params, "end_date");
        OffsetDateTime start = date(params, "start_date");
        if (end == null) {
            end = start == null ? datetimes.now() : start.plusDays(1);
        }
        if (start == null) {
            start = end.minusDays(1);
        }
        if (end.isBefore(start) || Duration.between(start, end).compareTo(Duration.ofDays(90)) > 0) {
            throw Open311Exception.badRequest("start_date to end_date must be a window of at most 90 days");
        }
        return renderer.ok(format, new UpdatesDocument(updates(jurisdiction, start, end)));
    }

    @POST
    @Path("servicerequestupdates.{format}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response push(@PathParam("format") String suffix, byte[] body, @Context UriInfo uri) {
        Format format = Format.require(suffix);
        FormFields form = FormDecoder.decode(body, config.guard().maxFormFields());
        form.addCredentialsFrom(uri.getQueryParameters());
        Jurisdiction jurisdiction = jurisdictions.resolve(form.first("jurisdiction_id"));
        String updateId = intake.push(jurisdiction, form);
        return renderer.ok(
                format,
                new UpdatesDocument(List.of(new UpdatesDocument.Update(updateId, null, null, null, null, null, null))));
    }

    private OffsetDateTime date(MultivaluedMap<String, String> params, String name) {
        String value = QueryParams.single(params, name);
        return value == null ? null : datetimes.parse(name, value);
    }

    private List<UpdatesDocument.Update> updates(Jurisdiction jurisdiction, OffsetDateTime start, OffsetDateTime end) {
        String sql = """
                SELECT h.id, r.service_request_id, coalesce(h.changes -> 'detailed_status' ->> 'to', r.detailed_status),
                       h.changed_at, h.note, u.external_status_code
                  FROM request_history h
                  JOIN service_requests r ON r.id = h.request_ref
                  LEFT JOIN request_updates u ON u.history_ref = h.id
                 WHERE h.public AND h.action <> 'created' AND h.changed_at BETWEEN ? AND ? AND r.jurisdiction_ref = ?
                   AND r.service_ref <> ALL (?) AND NOT r.hidden
                 ORDER BY h.changed_at, h.id LIMIT ?""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, start);
            s.setObject(2, end);
            s.setLong(3, jurisdiction.id());
            // blackbox and private services publish nothing about their requests, their changes neither
            s.setArray(
                    4,
                    c.createArrayOf(
                            "bigint",
                            catalogue.unpublishedServiceIds(jurisdiction.id()).toArray()));
            s.setInt(5, MAX_UPDATES);
            List<UpdatesDocument.Update> updates = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    updates.add(new UpdatesDocument.Update(
                            rs.getString(1),
                            rs.getString(2),
                            ExternalStatus.outbound(rs.getString(3)),
                            datetimes.format(rs.getObject(4, OffsetDateTime.class)),
                            rs.getString(5) == null ? "" : rs.getString(5),
                            "",
                            rs.getString(6)));
                }
            }
            return updates;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading updates failed", e);
        }
    }

    static String fingerprint(Map<String, String> fields) {
        return Sha256.hex(new LinkedHashMap<>(fields).toString());
    }
}
