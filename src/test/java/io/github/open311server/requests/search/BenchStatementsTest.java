package io.github.open311server.requests.search;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.support.PgbenchScripts;

/**
 * The pgbench scripts of the list endpoint's shapes hold the statements {@link RequestListSql} builds for
 * the query each script's comment names (see {@link PgbenchScripts}).
 */
@QuarkusTest
class BenchStatementsTest {

    @Inject
    RequestQueryParser parser;

    @Inject
    RequestListSql statements;

    @Inject
    JurisdictionResolver jurisdictions;

    private RequestQuery parse(Map<String, String> parameters) {
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        parameters.forEach(params::add);
        return parser.parse(jurisdiction(), params);
    }

    private Jurisdiction jurisdiction() {
        return jurisdictions.resolve((String) null);
    }

    private Map<String, List<PgbenchScripts.Generated>> scripts() {
        List<String> window = List.of("jur", "blackbox", "from", "to");
        Map<String, List<PgbenchScripts.Generated>> scripts = new HashMap<>();
        scripts.put(
                "list.sql",
                List.of(new PgbenchScripts.Generated(statements.list(parse(Map.of())), with(window, "limit"))));
        scripts.put(
                "bbox.sql",
                List.of(new PgbenchScripts.Generated(
                        statements.list(parse(Map.of("bbox", "-89.66,39.77,-89.64,39.79"))),
                        with(
                                window, "minlon", "minlat", "maxlon", "maxlat", "minlon", "maxlon", "minlat", "maxlat",
                                "limit"))));
        scripts.put(
                "radius.sql",
                List.of(new PgbenchScripts.Generated(
                        statements.list(parse(Map.of("lat", "39.78", "long", "-89.65", "radius", "500"))),
                        with(window, "clon", "clat", "radius", "limit"))));
        scripts.put(
                "sync.sql",
                List.of(new PgbenchScripts.Generated(
                        statements.list(parse(Map.of("updated_after", "2026-01-01T00:00:00Z"))),
                        List.of("jur", "blackbox", "after", "limit"))));
        RequestQuery export =
                parse(Map.of("updated_after", "2000-01-01T00:00:00Z", "sort", "updated_datetime", "page_size", "50"));
        scripts.put(
                "page-first.sql",
                List.of(
                        new PgbenchScripts.Generated(
                                statements.list(export), List.of("jur", "blackbox", "after", "limit")),
                        new PgbenchScripts.Generated(
                                statements.matches(export).prefixed("EXPLAIN "), List.of("jur", "blackbox", "after"))));
        scripts.put(
                "page-offset.sql",
                List.of(new PgbenchScripts.Generated(
                        statements.list(parse(Map.of(
                                "updated_after",
                                "2000-01-01T00:00:00Z",
                                "sort",
                                "updated_datetime",
                                "page_size",
                                "50",
                                "page",
                                "10000"))),
                        List.of("jur", "blackbox", "after", "limit", "offset"))));
        RequestQuery.Paging first = export.paging();
        RequestQuery cursor = new RequestQuery(
                export.jurisdictionRef(),
                export.ids(),
                export.filters(),
                new RequestQuery.Paging(
                        first.sort(),
                        first.pageSize(),
                        0,
                        PageToken.after(first.sort(), OffsetDateTime.parse("2025-06-01T12:00:00Z"), 499_949, "x"),
                        false),
                export.extensions(),
                export.fingerprint());
        scripts.put(
                "page-cursor.sql",
                List.of(new PgbenchScripts.Generated(
                        statements.list(cursor), List.of("jur", "blackbox", "after", "key", "keyid", "limit"))));
        scripts.put(
                "single.sql.in",
                List.of(new PgbenchScripts.Generated(
                        statements.one(
                                "r.service_request_id = ?", jurisdiction().id(), "SR-0000001", false),
                        List.of("jur", "'@SID@'", "blackbox"))));
        return scripts;
    }

    private static List<String> with(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(Arrays.asList(more));
        return all;
    }

    @Test
    void everyPgbenchScriptHoldsTheStatementsTheServerIssues() throws IOException {
        PgbenchScripts.check(scripts(), 8);
    }
}
