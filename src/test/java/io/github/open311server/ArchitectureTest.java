package io.github.open311server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package graph of src/main: every arrow points down the layers below, nothing depends on a
 * package above it, the API packages do not use one another, and there is no cycle. Read from the
 * sources (imports and qualified names), so it needs no library and sees what a reviewer sees.
 */
class ArchitectureTest {

    private static final String BASE = "io.github.open311server";
    private static final Path SOURCES = Path.of("src/main/java/io/github/open311server");
    private static final Pattern REFERENCE =
            Pattern.compile("io\\.github\\.open311server\\.((?:[a-z]\\w*\\.)*[a-z]\\w*)\\.[A-Z]");

    /** Lower numbers are lower layers; a package may use its own layer's packages or lower ones. */
    private static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("config", 0),
            Map.entry("web", 1),
            Map.entry("time", 1),
            Map.entry("database", 1),
            Map.entry("catalogue", 2),
            Map.entry("security", 2),
            Map.entry("clients", 2),
            Map.entry("requests", 3),
            Map.entry("events", 4),
            Map.entry("media", 4),
            Map.entry("notifications", 4),
            Map.entry("escalation", 4),
            Map.entry("requests.lifecycle", 5),
            Map.entry("requests.intake", 6),
            Map.entry("requests.search", 6),
            Map.entry("requests.export", 6),
            Map.entry("requests.queue", 6),
            Map.entry("surveys", 6),
            Map.entry("followup", 6),
            Map.entry("statistics", 6),
            Map.entry("privacy", 6),
            Map.entry("admin", 7),
            Map.entry("discovery", 7),
            Map.entry("services", 7),
            Map.entry("staff", 7),
            Map.entry("tokens", 7),
            Map.entry("updates", 7),
            Map.entry("openapi", 7),
            Map.entry("demo", 7),
            Map.entry("requests.api", 7),
            Map.entry("webhooks", 7),
            Map.entry("notifications.api", 7),
            Map.entry("surveys.api", 7),
            Map.entry("statistics.api", 7),
            Map.entry("metrics", 7),
            Map.entry("webclient", 7),
            Map.entry("", 8));

    private static final int API = 7;

    @Test
    void dependenciesPointDownAndFormNoCycle() throws IOException {
        Map<String, Set<String>> graph = graph();
        assertTrue(
                graph.containsKey("requests") && graph.get("requests").contains("web"), "the graph was read: " + graph);
        List<String> wrong = new ArrayList<>();
        graph.forEach((from, targets) -> {
            Integer layer = LAYERS.get(from);
            if (layer == null) {
                wrong.add("package " + from + " has no layer in ArchitectureTest: decide where it belongs");
                return;
            }
            for (String to : targets) {
                Integer target = LAYERS.get(to);
                if (target == null || target > layer || (layer == API && target == API)) {
                    wrong.add(from + " -> " + to);
                }
            }
        });
        assertEquals(List.of(), wrong, "arrows that point up, sideways between API packages, or to an unknown package");
        assertEquals(List.of(), cycles(graph), "package cycles");
    }

    private static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher declared = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE)
                        .matcher(source);
                assertTrue(declared.find(), file + " has no package");
                String from =
                        declared.group(1).equals(BASE) ? "" : declared.group(1).substring(BASE.length() + 1);
                Set<String> targets = graph.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(source.substring(declared.end()));
                while (reference.find()) {
                    if (!reference.group(1).equals(from)) {
                        targets.add(reference.group(1));
                    }
                }
            }
        }
        return graph;
    }

    /** Every cycle found by a depth-first walk, as "a -> b -> a". */
    private static List<String> cycles(Map<String, Set<String>> graph) {
        List<String> found = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        for (String start : graph.keySet()) {
            walk(start, graph, new ArrayList<>(), done, found);
        }
        return found;
    }

    private static void walk(
            String node, Map<String, Set<String>> graph, List<String> path, Set<String> done, List<String> found) {
        int at = path.indexOf(node);
        if (at >= 0) {
            found.add(String.join(" -> ", path.subList(at, path.size())) + " -> " + node);
            return;
        }
        if (done.contains(node)) {
            return;
        }
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            walk(next, graph, path, done, found);
        }
        path.remove(path.size() - 1);
        done.add(node);
    }
}
