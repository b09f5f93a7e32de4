package io.github.open311server;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A wrong or unreachable database is one clear line before anything starts, not a stack trace. */
class StartupCheckTest {

    @Test
    void aUrlThatIsNotPostgresqlIsNamed() {
        assertEquals(
                "the URL must start with jdbc:postgresql:// (set OPEN311_DB_URL)",
                Open311Server.checkDatabase("jdbc:mysql://localhost/x", "u", "p"));
    }

    @Test
    void anUnreachableServerIsOneLine() {
        String problem = Open311Server.checkDatabase("jdbc:postgresql://127.0.0.1:1/open311", "u", "p");
        assertNotNull(problem);
        assertFalse(problem.contains("\n"));
        assertTrue(problem.toLowerCase().contains("connection"), problem);
    }

    @Test
    void aWrongPasswordIsOneLineAndAGoodOneIsAccepted() {
        var config = ConfigProvider.getConfig();
        String url = System.getenv()
                .getOrDefault(
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        config.getOptionalValue("quarkus.datasource.jdbc.url", String.class)
                                .orElse(""));
        String user = System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "open311");
        String password = System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "");
        String problem = Open311Server.checkDatabase(url, user, password + "-wrong");
        assertNotNull(problem);
        assertTrue(problem.contains("password authentication failed"), problem);
        assertFalse(problem.contains("\n"));
        assertNull(Open311Server.checkDatabase(url, user, password));
    }
}
