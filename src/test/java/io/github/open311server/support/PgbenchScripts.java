package io.github.open311server.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.github.open311server.requests.search.SqlStatement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The raw-SQL side of {@code make bench} runs exactly the statements the server issues: each pgbench
 * script's statements are generated from the server's SQL builders, with every {@code ?} replaced by the
 * pgbench variable that carries that argument. {@link #check} fails when a script and the builder differ;
 * {@code make bench-sql} rewrites the scripts (their comments and {@code \set} lines are kept). The
 * variables are checked against the arguments: a variable used twice must carry one value, two variables
 * two values, so a reordered argument cannot go unnoticed.
 */
public final class PgbenchScripts {

    private static final Path SCRIPTS = Path.of("bench/pgbench");

    private PgbenchScripts() {}

    /** One statement of a script, and the pgbench variable of each of its arguments in order. */
    public record Generated(SqlStatement statement, List<String> variables) {

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

    /** Compares (or, with {@code -Dwrite-bench-sql=true}, rewrites) the scripts; at least {@code minimum} of them. */
    public static void check(Map<String, List<Generated>> scripts, int minimum) throws IOException {
        boolean write = Boolean.getBoolean("write-bench-sql");
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
        assertTrue(scripts.size() >= minimum, "every script is generated: " + scripts.keySet());
        if (!write) {
            assertEquals(List.of(), different, "pgbench scripts that differ from the server's SQL: run make bench-sql");
        }
    }
}
