package io.github.open311server.requests.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.requests.search.SqlStatement;
import io.github.open311server.support.Db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EXPLAIN of the work queue's statements over five years of a small city (as the public list's plan test):
 * no shape scans the requests table, and the default view of an agency is a range read of the queue index,
 * in its order, with no sort of all the agency's open requests.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkQueuePlanTest {

    private static final String MARK = "queue-plan-test";

    @Inject
    Db db;

    @Inject
    DataSource dataSource;

    @Inject
    WorkQueueParser parser;

    @Inject
    WorkQueue queue;

    @Inject
    JurisdictionResolver jurisdictions;

    @BeforeAll
    void fiveYearsOfRequests() {
        // deterministic: multiplicative hashes of g, so every run plans over the same rows
        db.update("""
                INSERT INTO service_requests (jurisdiction_ref, service_ref, status, detailed_status, priority,
                                              requested_datetime, updated_datetime, expected_datetime, location,
                                              description, agency_responsible, assignee, channel, zipcode)
                SELECT s.jurisdiction_ref, s.id, CASE WHEN g % 5 = 0 THEN 'open' ELSE 'closed' END,
                       CASE WHEN g % 5 = 0 THEN 'received' ELSE 'resolved' END,
                       (ARRAY['normal', 'normal', 'high', 'emergency'])[1 + g % 4],
                       now() - interval '100 days' - ((g::bigint * 7919) % 40009) / 40009.0 * interval '1725 days',
                       now() - interval '100 days' - ((g::bigint * 104729) % 10007) / 10007.0 * interval '10 days',
                       CASE WHEN g % 3 = 0 THEN now() - interval '1 day' * (g % 50) END,
                       ST_SetSRID(ST_MakePoint(-89.65 + (((g::bigint * 15485863) % 30011) / 30011.0 - 0.5) * 0.3,
                                               39.78 + (((g::bigint * 32452843) % 20011) / 20011.0 - 0.5) * 0.2), 4326),
                       'pothole near house ' || g,
                       (ARRAY['Streets Department', 'Parks Department', 'Water Department', 'Sanitation',
                              'Old Town District Office'])[1 + g % 5],
                       CASE WHEN g % 7 = 0 THEN 'Crew ' || (g % 9) END,
                       (ARRAY['phone', 'app', 'web', 'email'])[1 + g % 4], ?
                  FROM services s, generate_series(1, 40000) g WHERE s.service_code = 'POTHOLE'""", MARK);
        db.update("""
                INSERT INTO request_submitters (request_ref, email, phone)
                SELECT id, 'caller' || (id % 500) || '@example.org', '555 01' || (id % 500)
                  FROM service_requests WHERE zipcode = ? AND id % 4 = 0""", MARK);
        db.update("ANALYZE service_requests");
        db.update("ANALYZE request_submitters");
    }

    @AfterAll
    void removeThem() {
        db.update("DELETE FROM service_requests WHERE zipcode = ?", MARK);
        db.update("ANALYZE service_requests");
    }

    static List<Map<String, String>> shapes() {
        return List.of(
                Map.of(),
                Map.of("agency_responsible", "Streets Department"),
                Map.of("agency_responsible", "Streets Department,Parks Department"),
                Map.of("status", "open,closed", "sort", "-requested_datetime"),
                Map.of("status", "open,closed", "start_date", "2024-01-01", "end_date", "2024-03-01"),
                Map.of("priority", "emergency", "agency_responsible", "Water Department"),
                Map.of("overdue", "true"),
                Map.of("status", "open,closed", "service_code", "POTHOLE", "sort", "-requested_datetime"),
                Map.of("bbox", "-89.66,39.77,-89.64,39.79", "status", "open,closed"),
                Map.of("lat", "39.78", "long", "-89.65", "radius", "300", "sort", "distance"),
                Map.of("agency_area", "Old Town District Office", "status", "open,closed"),
                Map.of("q", "12345", "status", "open,closed"),
                Map.of("q", "12345"),
                Map.of("submitter_email", "caller12@example.org", "status", "open,closed"),
                Map.of("submitter_phone", "555-0112", "status", "open,closed"),
                Map.of("updated_after", OffsetDateTime.now().minusDays(101).toString(), "status", "open,closed"),
                Map.of("sort", "expected_datetime"),
                Map.of("sort", "expected_datetime", "agency_responsible", "Parks Department"));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void noStatementOfTheQueueScansTheRequestsTable(Map<String, String> parameters) throws Exception {
        WorkQueueQuery query = parser.page(jurisdiction(), params(parameters));
        assertNoSequentialScan(WorkQueueSql.page(query), parameters);
        if (!wholeCity(parameters)) {
            assertNoSequentialScan(
                    WorkQueueSql.counts(parser.filtersOnly(jurisdiction(), params(parameters))), parameters);
        }
    }

    /** Counting every request of the city (open and closed, of every service) reads them all, rightly. */
    private static boolean wholeCity(Map<String, String> parameters) {
        return "open,closed".equals(parameters.get("status"))
                && Set.of("status", "sort", "service_code").containsAll(parameters.keySet());
    }

    @Test
    void theDefaultViewOfAnAgencyIsARangeReadOfTheQueueIndexAlsoOnLaterPages() throws Exception {
        MultivaluedHashMap<String, String> params = params(Map.of("agency_responsible", "Streets Department"));
        params.putSingle("page_size", "50");
        String first = plan(WorkQueueSql.page(parser.page(jurisdiction(), params)));
        String token = queue.page(parser.page(jurisdiction(), params)).nextPageToken();
        assertNotNull(token, "the fixture gives the view a second page");
        params.putSingle("page_token", token);
        String next = plan(WorkQueueSql.page(parser.page(jurisdiction(), params)));
        for (String plan : List.of(first, next)) {
            assertTrue(plan.contains("service_requests_queue_idx"), plan);
            assertFalse(plan.contains("Sort"), "no sort of the agency's requests:\n" + plan);
        }
    }

    private Jurisdiction jurisdiction() {
        return jurisdictions.resolve((String) null);
    }

    private static MultivaluedHashMap<String, String> params(Map<String, String> parameters) {
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        parameters.forEach(params::add);
        return params;
    }

    private void assertNoSequentialScan(SqlStatement statement, Map<String, String> parameters) throws Exception {
        String plan = plan(statement);
        assertFalse(
                plan.contains("Seq Scan on service_requests"),
                () -> "Sequential scan for " + parameters + ":\n" + statement.sql() + "\n" + plan);
    }

    private String plan(SqlStatement statement) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement prepared = statement.prefixed("EXPLAIN ").prepare(connection);
                ResultSet rows = prepared.executeQuery()) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
