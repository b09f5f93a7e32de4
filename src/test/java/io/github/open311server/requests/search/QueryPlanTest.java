package io.github.open311server.requests.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.requests.RequestPage;
import io.github.open311server.support.Db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Runs EXPLAIN on every statement shape the list endpoint can issue, over enough rows (five years of
 * a small city) for the planner to choose as it would in production, and fails on any sequential
 * scan of the requests table: a missing or mismatched index shows up here, not in production.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryPlanTest {

    private static final String MARK = "query-plan-test";

    @Inject
    Db db;

    @Inject
    DataSource dataSource;

    @Inject
    RequestQueryParser parser;

    @Inject
    RequestSearch search;

    @Inject
    RequestListSql statements;

    @Inject
    JurisdictionResolver jurisdictions;

    @BeforeAll
    void fiveYearsOfRequests() {
        // deterministic (multiplicative hashes of g, not random()), so every shape finds the same rows each run
        db.update("""
                INSERT INTO service_requests (jurisdiction_ref, service_ref, status, requested_datetime, updated_datetime,
                                              location, description, address, agency_responsible, zipcode)
                SELECT s.jurisdiction_ref, s.id, CASE WHEN g % 5 = 0 THEN 'open' ELSE 'closed' END,
                       now() - interval '100 days' - ((g::bigint * 7919) % 40009) / 40009.0 * interval '1725 days',
                       now() - interval '100 days' - ((g::bigint * 104729) % 10007) / 10007.0 * interval '10 days',
                       ST_SetSRID(ST_MakePoint(-89.65 + (((g::bigint * 15485863) % 30011) / 30011.0 - 0.5) * 0.3,
                                               39.78 + (((g::bigint * 32452843) % 20011) / 20011.0 - 0.5) * 0.2), 4326),
                       'pothole near house ' || g, g || ' Main St', 'Streets Department', ?
                  FROM services s, generate_series(1, 40000) g WHERE s.service_code = 'POTHOLE'""", MARK);
        // and a few recent ones, so the shapes that use the default 90-day window have a second page too
        db.update("""
                INSERT INTO service_requests (jurisdiction_ref, service_ref, status, requested_datetime, updated_datetime,
                                              location, description, address, agency_responsible, zipcode)
                SELECT s.jurisdiction_ref, s.id, CASE WHEN g % 3 = 0 THEN 'closed' ELSE 'open' END,
                       now() - (g % 80) * interval '1 day', now() - (g % 20) * interval '1 day',
                       ST_SetSRID(ST_MakePoint(-89.65 + (g % 7) * 0.0004, 39.78 + (g % 11) * 0.0003), 4326),
                       'pothole recently at ' || g, g || ' Elm St', 'Streets Department', ?
                  FROM services s, generate_series(1, 300) g WHERE s.service_code = 'POTHOLE'""", MARK);
        db.update("ANALYZE service_requests");
    }

    @AfterAll
    void removeThem() {
        db.update("DELETE FROM service_requests WHERE zipcode = ?", MARK);
        db.update("ANALYZE service_requests");
    }

    static List<Map<String, String>> shapes() {
        String monthAgo = OffsetDateTime.now().minusDays(30).toString();
        return List.of(
                Map.of(),
                Map.of("status", "open"),
                Map.of("status", "open,closed"),
                Map.of("service_code", "POTHOLE,NOISE"),
                Map.of("start_date", "2024-01-01", "end_date", "2024-03-01"),
                Map.of("bbox", "-89.66,39.77,-89.64,39.79"),
                Map.of("bbox", "-89.66,39.77,-89.64,39.79", "start_date", "2023-01-01", "end_date", "2023-03-31"),
                Map.of("lat", "39.78", "long", "-89.65", "radius", "500"),
                Map.of("lat", "39.78", "long", "-89.65", "radius", "500", "sort", "distance"),
                Map.of("updated_after", monthAgo),
                Map.of("updated_after", monthAgo, "sort", "updated_datetime"),
                Map.of("updated_after", monthAgo, "sort", "-updated_datetime"),
                Map.of("q", "pothole"),
                Map.of("agency_responsible", "Streets Department"),
                Map.of("page_size", "50", "page", "3"),
                Map.of("service_request_id", "SR-0000001,SR-0000002"));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void noStatementOfTheListEndpointScansTheRequestsTable(Map<String, String> parameters) throws Exception {
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        parameters.forEach(params::add);
        Jurisdiction jurisdiction = jurisdictions.resolve((String) null);
        RequestQuery query = parser.parse(jurisdiction, params);
        assertNoSequentialScan(statements.list(query), parameters);
        if (!query.byIds()) {
            assertNoSequentialScan(statements.count(query), parameters);
        }
    }

    /** Every shape but the id list, which is one answer by definition (no paging). */
    static List<Map<String, String>> pagedShapes() {
        return shapes().stream()
                .filter(shape -> !shape.containsKey("service_request_id"))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("pagedShapes")
    void theNextPageUsesTheSamePlanShape(Map<String, String> parameters) throws Exception {
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        parameters.forEach(params::add);
        params.putSingle("page_size", "10");
        Jurisdiction jurisdiction = jurisdictions.resolve((String) null);
        RequestQuery first = parser.parse(jurisdiction, params);
        RequestPage page = search.find(first);
        // a shape with a single page would test nothing here: the fixture must give each one a second page
        assertNotNull(page.nextPageToken(), "no second page for " + parameters);
        params.putSingle("page_token", page.nextPageToken());
        assertNoSequentialScan(statements.list(parser.parse(jurisdiction, params)), parameters);
    }

    private void assertNoSequentialScan(SqlStatement statement, Map<String, String> parameters) throws Exception {
        SqlStatement explain = statement.prefixed("EXPLAIN ");
        StringBuilder plan = new StringBuilder();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement prepared = explain.prepare(connection);
                ResultSet rows = prepared.executeQuery()) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        assertFalse(
                plan.toString().contains("Seq Scan on service_requests"),
                () -> "Sequential scan for " + parameters + ":\n" + statement.sql() + "\n" + plan);
    }
}
