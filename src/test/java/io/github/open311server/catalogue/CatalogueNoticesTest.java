package io.github.open311server.catalogue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.Db;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A catalogue change made by another node reaches this one through PostgreSQL's NOTIFY: the other node is this
 * test, changing a service by SQL and sending the notice in the same transaction, as the other node's change does.
 */
@QuarkusTest
class CatalogueNoticesTest {

    private static final String SERVICE = "TREE.PRUNE";

    @Inject
    Db db;

    private static String listedName() {
        return given().when()
                .get("/open311/v2/services.json")
                .then()
                .statusCode(200)
                .extract()
                .path("find { it.service_code == '" + SERVICE + "' }.service_name");
    }

    @Test
    void aChangeOnAnotherNodeIsSeenHereWithinASecond() throws InterruptedException {
        String before = listedName();
        assertEquals("Tree pruning", before);
        try {
            // without a notice this node keeps its catalogue: the change is not seen
            db.update(
                    "UPDATE services SET service_name = 'Tree pruning (changed elsewhere)' WHERE service_code = ?",
                    SERVICE);
            assertEquals(before, listedName(), "the cached catalogue answers until told");
            long sent = System.nanoTime();
            db.value("SELECT pg_notify('open311_catalogue', 'test')");
            String seen = listedName();
            while (!"Tree pruning (changed elsewhere)".equals(seen) && System.nanoTime() - sent < 5_000_000_000L) {
                Thread.sleep(20);
                seen = listedName();
            }
            assertEquals("Tree pruning (changed elsewhere)", seen, "the change is seen after the notice (5 s at most)");
            System.out.printf("catalogue notice: seen after %d ms%n", (System.nanoTime() - sent) / 1_000_000);
        } finally {
            db.update("UPDATE services SET service_name = ? WHERE service_code = ?", before, SERVICE);
            db.value("SELECT pg_notify('open311_catalogue', 'test')");
        }
    }
}
