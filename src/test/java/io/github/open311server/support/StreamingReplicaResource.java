package io.github.open311server.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real streaming replica of the tests' PostgreSQL cluster (scripts/pg.sh replica-start: pg_basebackup, then
 * it follows the primary's WAL), for the stale-read tests. Only where the scripts run the cluster themselves:
 * with an external OPEN311_DB_URL there is nothing to copy, and {@link #available()} says so.
 */
public class StreamingReplicaResource implements QuarkusTestResourceLifecycleManager {

    private static final Pattern EXPORT = Pattern.compile("export (\\w+)='([^']*)'");
    private static volatile Map<String, String> env = Map.of();

    public static boolean available() {
        return env.containsKey("OPEN311_REPLICA_URL");
    }

    public static String url() {
        return env.get("OPEN311_REPLICA_URL");
    }

    public static String superPassword() {
        return env.get("OPEN311_REPLICA_SUPER_PASSWORD");
    }

    @Override
    public Map<String, String> start() {
        String primary = System.getenv().getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", "");
        if (System.getenv("OPEN311_DB_URL") != null || !primary.startsWith("jdbc:postgresql://127.0.0.1:")) {
            return Map.of(); // an external database: no replica of it can be made here
        }
        String database = primary.substring(primary.lastIndexOf('/') + 1);
        run("replica-start");
        Map<String, String> found = new HashMap<>();
        Matcher m = EXPORT.matcher(run("replica-env", database));
        while (m.find()) {
            found.put(m.group(1), m.group(2));
        }
        env = found;
        return Map.of(
                "open311.replica.jdbc-url", found.get("OPEN311_REPLICA_URL"),
                "open311.replica.username", found.get("OPEN311_REPLICA_USER"),
                "open311.replica.password", found.get("OPEN311_REPLICA_PASSWORD"),
                // generous: the test makes the replica stale on purpose and must see it stale
                "open311.replica.max-lag", "10m",
                "open311.replica.check-interval", "200ms");
    }

    /** Runs scripts/pg.sh with these arguments; its output, or a failure with it. */
    public static String run(String... arguments) {
        try {
            List<String> command = new java.util.ArrayList<>(
                    List.of("bash", Path.of("scripts", "pg.sh").toString()));
            command.addAll(List.of(arguments));
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("scripts/pg.sh " + String.join(" ", arguments) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (available()) {
            run("replica-stop", "--remove");
        }
    }
}
