package io.github.open311server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import io.github.open311server.media.MediaMigrationCommand;

/**
 * Entry point. Before Quarkus starts (and Flyway and Hibernate with it), it checks that the configured
 * database answers, so a wrong URL, password or a stopped database is one clear line, not a stack trace.
 */
@QuarkusMain
public class Open311Server {

    public static void main(String... args) {
        // Quarkus answers a request target that is not a URI with an empty 400 before any route; web.HttpGuard runs
        // the same check and answers with an Open311 error document instead (the tests set this in the pom)
        System.setProperty("vertx.disableURIValidation", "true");
        Config config = ConfigProvider.getConfig();
        String url = config.getOptionalValue("quarkus.datasource.jdbc.url", String.class)
                .orElse("");
        String user = config.getOptionalValue("quarkus.datasource.username", String.class)
                .orElse("");
        String password = config.getOptionalValue("quarkus.datasource.password", String.class)
                .orElse("");
        String problem = checkDatabase(url, user, password);
        if (problem != null) {
            System.err.println("open311-server: cannot use the database " + url + ": " + problem);
            System.exit(2);
        }
        if (args.length > 0 && MediaMigrationCommand.NAME.equals(args[0])) {
            Quarkus.run(MediaMigrationCommand.class, args); // moves the photos, then exits
            return;
        }
        Quarkus.run(args);
    }

    static String checkDatabase(String url, String user, String password) {
        if (!url.startsWith("jdbc:postgresql:")) {
            return "the URL must start with jdbc:postgresql:// (set OPEN311_DB_URL)";
        }
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "5");
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            return null;
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return message.lines().findFirst().orElse(message);
        }
    }
}
