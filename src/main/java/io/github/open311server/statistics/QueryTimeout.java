package io.github.open311server.statistics;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import io.github.open311server.web.Open311Exception;

/**
 * Statistics and hotspots read every request of their window: a statement that takes longer than
 * {@value #SECONDS} s is cancelled by PostgreSQL (on pgJDBC's query timeout) and answered 503, so no
 * question, however wide, holds a connection for minutes.
 */
final class QueryTimeout {

    static final int SECONDS = 30;

    private QueryTimeout() {}

    /** The 503 for a cancelled statement, or the failure as it is. */
    static RuntimeException of(SQLException e, String what) {
        if ("57014".equals(e.getSQLState())) { // query_canceled
            return new Open311Exception(
                    503,
                    List.of("This " + what + " took more than " + SECONDS
                            + " s: narrow the window, the area or the services, or retry later"),
                    Map.of("Retry-After", "60"));
        }
        return new IllegalStateException(what + " failed", e);
    }
}
