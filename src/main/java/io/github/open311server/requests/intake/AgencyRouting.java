package io.github.open311server.requests.intake;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.database.TransactionSql;

/** Agencies that own an area take the requests inside it; the smallest matching area wins. */
@ApplicationScoped
public class AgencyRouting {

    @Inject
    TransactionSql sql;

    public Optional<String> agencyAt(Jurisdiction jurisdiction, double lon, double lat) {
        return sql.first("""
                SELECT name FROM agencies
                 WHERE jurisdiction_ref = ? AND area IS NOT NULL
                   AND ST_Covers(area, ST_SetSRID(ST_MakePoint(?, ?), 4326))
                 ORDER BY ST_Area(area), id LIMIT 1""", row -> row.getString(1), jurisdiction.id(), lon, lat);
    }
}
