package io.github.open311server.requests.queue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.support.PgbenchScripts;
import io.github.open311server.support.PgbenchScripts.Generated;

/** The pgbench script of the work-queue shape of {@code make bench} holds what {@link WorkQueueSql} builds. */
@QuarkusTest
class BenchQueueStatementsTest {

    @Inject
    WorkQueueParser parser;

    @Inject
    JurisdictionResolver jurisdictions;

    @Test
    void thePgbenchScriptHoldsTheStatementTheServerIssues() throws IOException {
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        params.add("agency_responsible", "Streets Department");
        params.add("page_size", "50");
        WorkQueueQuery query = parser.page(jurisdictions.resolve((String) null), params);
        PgbenchScripts.check(
                Map.of(
                        "queue-agency.sql",
                        List.of(new Generated(WorkQueueSql.page(query), List.of("jur", "agency", "limit")))),
                1);
    }
}
