package georeport.conformance.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import georeport.conformance.support.Config;

/**
 * Collects every check's outcome and, when the run ends, prints a per-check table and the line
 * "Conformance: N passed, N failed, N skipped", and writes target/conformance-report.md. Registered through
 * META-INF/services/org.junit.platform.launcher.TestExecutionListener. Self-tests of the validators (package
 * georeport.conformance.selftest) are counted apart.
 */
public class ConformanceReportListener implements TestExecutionListener {

    /** Operations in report order (the packages of the checks). */
    static final List<String> OPERATIONS = List.of(
            "discovery",
            "servicelist",
            "servicedefinition",
            "postrequest",
            "tokens",
            "getrequests",
            "getrequest",
            "errors",
            "formats",
            "extensions");

    static final Map<String, String> TITLES = Map.of(
            "discovery", "Service discovery (2.1)",
            "servicelist", "GET Service List (2.2)",
            "servicedefinition", "GET Service Definition (2.3)",
            "postrequest", "POST Service Request (2.4, 3)",
            "tokens", "GET service_request_id from a token (2.5)",
            "getrequests", "GET Service Requests (2.6)",
            "getrequest", "GET Service Request (2.7)",
            "errors", "Errors (4)",
            "formats", "Formats, encoding, content types (1.1-1.3)",
            "extensions", "Extensions (6, opt-in)");

    public enum Outcome {
        PASS,
        FAIL,
        SKIP
    }

    public record Row(String operation, String check, Outcome outcome, String reason, boolean selftest) {}

    private TestPlan plan;
    private final List<Row> rows = new ArrayList<>();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            add(id, Outcome.SKIP, reason);
        } else if (plan != null) {
            for (TestIdentifier t : plan.getDescendants(id)) {
                if (t.isTest()) {
                    add(t, Outcome.SKIP, reason);
                }
            }
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        String reason =
                result.getThrowable().map(ConformanceReportListener::message).orElse("");
        if (id.isTest()) {
            switch (result.getStatus()) {
                case SUCCESSFUL -> add(id, Outcome.PASS, "");
                case ABORTED -> add(id, Outcome.SKIP, reason);
                case FAILED -> add(id, Outcome.FAIL, reason);
            }
        } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && className(id) != null) {
            add(
                    id,
                    result.getStatus() == TestExecutionResult.Status.ABORTED ? Outcome.SKIP : Outcome.FAIL,
                    "(whole group) " + reason);
        }
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        }
        if (m.startsWith("Assumption failed: ")) {
            m = m.substring("Assumption failed: ".length());
        }
        m = m.replace(" ==> expected: <true> but was: <false>", "")
                .replace(" ==> expected: <false> but was: <true>", "");
        return m.replace("\r", "").replace("\n", " ").strip();
    }

    private static String className(TestIdentifier id) {
        Optional<TestSource> s = id.getSource();
        if (s.isPresent() && s.get() instanceof MethodSource m) {
            return m.getClassName();
        }
        if (s.isPresent() && s.get() instanceof ClassSource c) {
            return c.getClassName();
        }
        return null;
    }

    private void add(TestIdentifier id, Outcome outcome, String reason) {
        String cls = className(id);
        String pkg = cls == null ? "other" : cls.substring(0, Math.max(0, cls.lastIndexOf('.')));
        String op = pkg.substring(pkg.lastIndexOf('.') + 1);
        boolean selftest = op.equals("selftest");
        String name = id.getDisplayName();
        if (plan != null) {
            Optional<TestIdentifier> parent = plan.getParent(id);
            if (parent.isPresent()
                    && parent.get().getSource().isPresent()
                    && parent.get().getSource().get() instanceof MethodSource) {
                name = parent.get().getDisplayName() + " [" + name + "]";
            }
        }
        synchronized (rows) {
            rows.add(new Row(op, name, outcome, reason, selftest));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        List<Row> checks = new ArrayList<>();
        List<Row> selftests = new ArrayList<>();
        synchronized (rows) {
            for (Row r : rows) {
                (r.selftest() ? selftests : checks).add(r);
            }
        }
        checks.sort((a, b) -> Integer.compare(opIndex(a.operation()), opIndex(b.operation())));
        String console = console(checks, selftests);
        System.out.println(console);
        System.out.flush();
        try {
            Path dir = Path.of(Config.get().reportDir);
            Files.createDirectories(dir);
            Files.writeString(
                    dir.resolve("conformance-report.md"), markdown(checks, selftests), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("could not write conformance-report.md: " + e);
        }
    }

    static int opIndex(String op) {
        int i = OPERATIONS.indexOf(op);
        return i < 0 ? OPERATIONS.size() : i;
    }

    static long count(List<Row> rows, Outcome o) {
        return rows.stream().filter(r -> r.outcome() == o).count();
    }

    public static String summary(String label, List<Row> rows) {
        return label + ": " + count(rows, Outcome.PASS) + " passed, " + count(rows, Outcome.FAIL) + " failed, "
                + count(rows, Outcome.SKIP) + " skipped";
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Shortens a check name but keeps its parameter suffix ("[xml]") visible. */
    static String cutName(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int b = s.endsWith("]") ? s.lastIndexOf(" [") : -1;
        if (b > 0 && s.length() - b < max / 2) {
            String tail = s.substring(b);
            return s.substring(0, max - tail.length() - 1) + "…" + tail;
        }
        return cut(s, max);
    }

    public static String console(List<Row> checks, List<Row> selftests) {
        StringBuilder sb = new StringBuilder();
        String rule = "-".repeat(150);
        sb.append('\n').append(rule).append('\n');
        sb.append("Open311 GeoReport v2 conformance: ")
                .append(Config.get().base == null ? "(no server configured)" : Config.get().base)
                .append('\n')
                .append(rule)
                .append('\n');
        sb.append(String.format(Locale.ROOT, "%-6s %-18s %-96s %s%n", "RESULT", "OPERATION", "CHECK", "REASON"));
        for (Row r : checks) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%-6s %-18s %-96s %s%n",
                    r.outcome(),
                    r.operation(),
                    cutName(r.check(), 96),
                    cut(r.reason(), 160)));
        }
        List<Row> failed =
                checks.stream().filter(r -> r.outcome() == Outcome.FAIL).toList();
        if (!failed.isEmpty()) {
            sb.append(rule).append("\nFailures in full:\n");
            for (Row r : failed) {
                sb.append("FAIL ")
                        .append(r.operation())
                        .append(" / ")
                        .append(r.check())
                        .append("\n     ")
                        .append(cut(r.reason(), 2000))
                        .append('\n');
            }
        }
        sb.append(rule).append('\n');
        if (!selftests.isEmpty()) {
            sb.append(summary("Self-tests of the validators", selftests)).append('\n');
            for (Row r : selftests) {
                if (r.outcome() == Outcome.FAIL) {
                    sb.append("  FAIL ")
                            .append(r.check())
                            .append(": ")
                            .append(cut(r.reason(), 400))
                            .append('\n');
                }
            }
        }
        sb.append("Report: ")
                .append(Path.of(Config.get().reportDir).resolve("conformance-report.md"))
                .append('\n');
        sb.append(summary("Conformance", checks)).append('\n');
        return sb.toString();
    }

    static String md(String s) {
        return s.replace("|", "\\|").replace("<", "&lt;");
    }

    public static String markdown(List<Row> checks, List<Row> selftests) {
        Config c = Config.get();
        StringBuilder sb = new StringBuilder();
        sb.append("# Open311 GeoReport v2 conformance report\n\n");
        sb.append("| | |\n|---|---|\n");
        sb.append("| Endpoint | ")
                .append(c.base == null ? "(none configured)" : md(c.base))
                .append(" |\n");
        sb.append("| Discovery | ")
                .append(c.discovery == null ? "(learned or not given)" : md(c.discovery))
                .append(" |\n");
        sb.append("| jurisdiction_id | ")
                .append(c.jurisdiction == null ? "(not sent)" : md(c.jurisdiction))
                .append(" |\n");
        sb.append("| API key | ")
                .append(c.apiKey == null ? "not given: POST checks skipped" : "given (not shown)")
                .append(" |\n");
        sb.append("| Extensions (6) | ")
                .append(c.extensions ? "checked (--extensions)" : "not requested: extension checks skipped")
                .append(
                        c.extensions
                                ? (c.updatesApiKey == null
                                        ? "; no updates API key: POST servicerequestupdates skipped"
                                        : "; updates API key given")
                                : "")
                .append(" |\n");
        sb.append("| Recommendations | ")
                .append(c.skipRecommendations ? "skipped" : "checked (marked \"(recommendation)\")")
                .append(" |\n");
        sb.append("| Run at | ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append(" |\n\n");
        sb.append("**").append(summary("Conformance", checks)).append("**\n\n");
        sb.append("| Operation | Passed | Failed | Skipped |\n|---|---:|---:|---:|\n");
        Map<String, List<Row>> byOp = new LinkedHashMap<>();
        for (Row r : checks) {
            byOp.computeIfAbsent(r.operation(), k -> new ArrayList<>()).add(r);
        }
        byOp.forEach((op, rs) -> sb.append("| ")
                .append(TITLES.getOrDefault(op, op))
                .append(" | ")
                .append(count(rs, Outcome.PASS))
                .append(" | ")
                .append(count(rs, Outcome.FAIL))
                .append(" | ")
                .append(count(rs, Outcome.SKIP))
                .append(" |\n"));
        List<Row> failed =
                checks.stream().filter(r -> r.outcome() == Outcome.FAIL).toList();
        if (!failed.isEmpty()) {
            sb.append("\n## Failures\n\n");
            for (Row r : failed) {
                sb.append("- **")
                        .append(md(r.check()))
                        .append("** (")
                        .append(r.operation())
                        .append("): ")
                        .append(md(r.reason()))
                        .append('\n');
            }
        }
        byOp.forEach((op, rs) -> {
            sb.append("\n## ")
                    .append(TITLES.getOrDefault(op, op))
                    .append("\n\n| Result | Check | Reason |\n|---|---|---|\n");
            for (Row r : rs) {
                String badge = switch (r.outcome()) {
                    case PASS -> "✅ pass";
                    case FAIL -> "❌ fail";
                    case SKIP -> "⏭ skip";
                };
                sb.append("| ")
                        .append(badge)
                        .append(" | ")
                        .append(md(r.check()))
                        .append(" | ")
                        .append(md(cut(r.reason(), 1500)))
                        .append(" |\n");
            }
        });
        if (!selftests.isEmpty()) {
            sb.append("\n## Validator self-tests\n\n")
                    .append(summary("Self-tests", selftests))
                    .append(
                            ". The suite's XML Schemas and JSON Schemas are checked against real cities' documents and broken documents "
                                    + "before they judge a server.\n");
        }
        sb.append("\n---\nGenerated by the Open311 GeoReport v2 conformance suite. JSON Schemas are based on "
                + "open311/schema-validation (schema/georeport-v2); see the suite's NOTICE.md.\n");
        return sb.toString();
    }
}
