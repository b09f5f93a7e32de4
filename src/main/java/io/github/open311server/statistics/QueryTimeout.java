package io.github.open311server.statistics;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.postgresql.PGStatement;

import io.github.open311server.web.Open311Exception;

/**
 * How statistics and hotspots run their statements. They read every request of their window: a statement that
 * takes longer than {@value #SECONDS} s is cancelled by PostgreSQL (on pgJDBC's query timeout) and answered 503,
 * so no question, however wide, holds a connection for minutes. And each is planned for its own values: the
 * best plan for a day's window is not the best for ten years', so a statement is never prepared on the server
 * (where PostgreSQL would switch to one generic plan for every window after five runs).
 */
final class QueryTimeout {

    static final int SECONDS = 30;

    private QueryTimeout() {}

    static PreparedStatement customPlanned(PreparedStatement statement) throws SQLException {
        statement.setQueryTimeout(SECONDS);
        statement.unwrap(PGStatement.class).setPrepareThreshold(0); // unnamed: planned with its values every time
        return statement;
    }

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
