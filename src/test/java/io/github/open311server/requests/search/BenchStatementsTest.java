package io.github.open311server.requests.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The raw-SQL side of {@code make bench} runs exactly the statements the server issues: each pgbench
 * script's statements are generated here from {@link RequestListSql} for the query its comment names,
 * with every {@code ?} replaced by the pgbench variable that carries that argument. This test fails
 * when a script and the builder differ; {@code make bench-sql} rewrites the scripts (their comments
 * and {@code \set} lines are kept). The variables are checked against the arguments: a variable used
 * twice must carry one value, two variables two values, so a reordered argument cannot go unnoticed.
 */
@QuarkusTest
class BenchStatementsTest {

    private static final Path SCRIPTS = Path.of("bench/pgbench");

    @Inject
    RequestQueryParser parser;

    @Inject
    RequestListSql statements;

    @Inject
    JurisdictionResolver jurisdictions;

    /** One statement of a script, and the pgbench variable of each of its arguments in order. */
    record Generated(SqlStatement statement, List<String> variables) {

        String text() {
            assertEquals(
                    variables.size(),
                    statement.args().size(),
                    "one variable per argument of " + statement.sql() + " " + statement.args());
            Map<String, Object> seen = new HashMap<>();
            for (int i = 0; i < variables.size(); i++) {
                Object value = statement.args().get(i);
                Object before = seen.putIfAbsent(variables.get(i), value);
                assertTrue(
                        before == null || Objects.deepEquals(before, value),
                        variables.get(i) + " carries two values: " + before + " and " + value);
            }
            seen.forEach((a, x) -> seen.forEach((b, y) -> assertFalse(
                    !a.equals(b) && Objects.deepEquals(x, y), a + " and " + b + " carry the same value " + x)));
            StringBuilder text = new StringBuilder();
            String[] parts = statement.sql().split("\\?", -1);
            for (int i = 0; i < parts.length; i++) {
                text.append(parts[i]);
                if (i < variables.size()) {
                    String variable = variables.get(i);
                    text.append(variable.startsWith("'") ? variable : ":" + variable);
                }
            }
            return text.append(';').toString();
        }
    }

    private RequestQuery parse(Map<String, String> parameters) {
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        parameters.forEach(params::add);
        return parser.parse(jurisdiction(), params);
    }

    private Jurisdiction jurisdiction() {
        return jurisdictions.resolve((String) null);
    }

    private Map<String, List<Generated>> scripts() {
        List<String> window = List.of("jur", "blackbox", "from", "to");
        Map<String, List<Generated>> scripts = new HashMap<>();
        scripts.put("list.sql", List.of(new Generated(statements.list(parse(Map.of())), with(window, "limit"))));
        scripts.put(
                "bbox.sql",
                List.of(new Generated(
                        statements.list(parse(Map.of("bbox", "-89.66,39.77,-89.64,39.79"))),
                        with(
                                window, "minlon", "minlat", "maxlon", "maxlat", "minlon", "maxlon", "minlat", "maxlat",
                                "limit"))));
        scripts.put(
                "radius.sql",
                List.of(new Generated(
                        statements.list(parse(Map.of("lat", "39.78", "long", "-89.65", "radius", "500"))),
                        with(window, "clon", "clat", "radius", "limit"))));
        scripts.put(
                "sync.sql",
                List.of(new Generated(
                        statements.list(parse(Map.of("updated_after", "2026-01-01T00:00:00Z"))),
                        List.of("jur", "blackbox", "after", "limit"))));
        RequestQuery export =
                parse(Map.of("updated_after", "2000-01-01T00:00:00Z", "sort", "updated_datetime", "page_size", "50"));
        scripts.put(
                "page-first.sql",
                List.of(
                        new Generated(statements.list(export), List.of("jur", "blackbox", "after", "limit")),
                        new Generated(statements.count(export), List.of("jur", "blackbox", "after", "countlimit"))));
        scripts.put(
                "page-offset.sql",
                List.of(new Generated(
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
                List.of(new Generated(
                        statements.list(cursor), List.of("jur", "blackbox", "after", "key", "keyid", "limit"))));
        scripts.put(
                "single.sql.in",
                List.of(new Generated(
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
        boolean write = Boolean.getBoolean("write-bench-sql");
        Map<String, List<Generated>> scripts = scripts();
        List<String> different = new ArrayList<>();
        for (var script : scripts.entrySet()) {
            Path file = SCRIPTS.resolve(script.getKey());
            String preamble = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("--") || line.startsWith("\\"))
                    .collect(Collectors.joining("\n", "", "\n"));
            String expected =
                    preamble + script.getValue().stream().map(Generated::text).collect(Collectors.joining("\n")) + "\n";
            if (!expected.equals(Files.readString(file, StandardCharsets.UTF_8))) {
                different.add(script.getKey());
                if (write) {
                    Files.writeString(file, expected, StandardCharsets.UTF_8);
                }
            }
        }
        assertTrue(scripts.size() >= 8, "every script of the list endpoint is generated: " + scripts.keySet());
        if (!write) {
            assertEquals(List.of(), different, "pgbench scripts that differ from the server's SQL: run make bench-sql");
        }
    }
}
