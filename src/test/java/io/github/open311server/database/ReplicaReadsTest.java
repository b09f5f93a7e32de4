package io.github.open311server.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.github.open311server.support.Api;
import io.github.open311server.support.StreamingReplicaResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Stale reads on a real streaming replica: lists are read there (a replica whose replay is paused does not show a
 * request just filed), the client that filed it reads it back by id at once (the primary), and when the replica
 * stops answering, lists go to the primary and show it.
 */
@QuarkusTest
@TestProfile(ReplicaReadsTest.WithReplica.class)
class ReplicaReadsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    public static class WithReplica implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StreamingReplicaResource.class));
        }
    }

    @Inject
    StaleReads staleReads;

    @Test
    void listsReadTheReplicaWithinItsLagAndTheFilerReadsItsOwnRequest() throws Exception {
        assumeTrue(StreamingReplicaResource.available(), "the database is not the scripts' own cluster");
        waitFor(staleReads::onReplica, "stale reads on the replica");
        String first = Api.postPothole("replicated pothole");
        waitFor(() -> listed(first), "the replica replays what the primary wrote");

        try (Connection replica = DriverManager.getConnection(
                StreamingReplicaResource.url(), "postgres", StreamingReplicaResource.superPassword())) {
            execute(replica, "SELECT pg_wal_replay_pause()");
            waitFor(() -> "paused".equals(value(replica, "SELECT pg_get_wal_replay_pause_state()")), "replay paused");

            String fresh = Api.postPothole("pothole the replica has not seen");
            given().when()
                    .get(Api.V2 + "/requests/" + fresh + ".json")
                    .then()
                    .statusCode(200)
                    .body("[0].service_request_id", equalTo(fresh));
            assertTrue(staleReads.onReplica(), "within its lag bound the replica still serves lists");
            assertEquals(List.of(), ids(fresh), "the list came from the paused replica");

            StreamingReplicaResource.run("replica-stop");
            waitFor(() -> !staleReads.onReplica(), "the unreachable replica is left alone");
            assertEquals(List.of(fresh), ids(fresh), "lists now read the primary");
        }
    }

    private static boolean listed(String id) {
        return ids(id).contains(id);
    }

    private static List<String> ids(String id) {
        return given().queryParam("service_request_id", id)
                .when()
                .get(Api.V2 + "/requests.json")
                .then()
                .statusCode(200)
                .extract()
                .path("service_request_id");
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String value(Connection c, String sql) {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + PATIENCE.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
