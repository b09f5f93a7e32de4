package io.github.open311server.requests.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** An SQL statement and its arguments in order; arrays go to PostgreSQL as typed arrays. */
public record SqlStatement(String sql, List<Object> args) {

    public PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            if (arg instanceof String[] strings) {
                statement.setArray(i + 1, connection.createArrayOf("text", strings));
            } else if (arg instanceof Long[] longs) {
                statement.setArray(i + 1, connection.createArrayOf("bigint", longs));
            } else {
                statement.setObject(i + 1, arg);
            }
        }
        return statement;
    }

    public SqlStatement prefixed(String prefix) {
        return new SqlStatement(prefix + sql, args);
    }
}
