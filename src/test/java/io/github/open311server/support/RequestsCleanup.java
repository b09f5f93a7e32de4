package io.github.open311server.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.junit.callback.QuarkusTestAfterAllCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;
import io.quarkus.test.junit.callback.QuarkusTestContext;

/**
 * One cleanup for every test class (registered as a Quarkus test callback): the requests a class
 * files are deleted when it ends, with everything that hangs on them, so no class sees another's
 * requests in its lists, duplicate hints or counts, whatever order the classes run in.
 */
public class RequestsCleanup implements QuarkusTestBeforeClassCallback, QuarkusTestAfterAllCallback {

    private static volatile long lastIdBefore = -1;

    @Override
    public void beforeClass(Class<?> testClass) {
        lastIdBefore = run("SELECT coalesce(max(id), 0) FROM service_requests");
    }

    @Override
    public void afterAll(QuarkusTestContext context) {
        if (lastIdBefore >= 0) {
            run("DELETE FROM service_requests WHERE id > " + lastIdBefore);
        }
    }

    private static long run(String sql) {
        Config config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(
                        config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getValue("quarkus.datasource.password", String.class));
                Statement statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                return statement.getUpdateCount();
            }
            try (ResultSet rows = statement.getResultSet()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Test cleanup failed: " + sql, e);
        }
    }
}
