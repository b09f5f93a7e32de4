package io.github.open311server.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/**
 * The write path's own SQL, run on the current transaction's connection with plain JDBC. A Hibernate native
 * query parses its statement, builds a map of parameter bindings and schedules a clean-up of every entity's
 * caches on each execution, after flushing the session: on the POST path that was about a sixth of the JVM's
 * time (JFR profile in bench/REPORT.md), for statements that need none of it.
 *
 * <p>Nothing is flushed first: a statement that reads or references rows persisted through Hibernate in the same
 * transaction runs after its caller's explicit flush ({@code RequestJournal} flushes before the outbox and the
 * timers). Parameters are positional ({@code ?}), bound with {@code setObject}: a null is sent untyped, so the
 * statement casts it where PostgreSQL cannot infer the type. Errors surface as Hibernate's JDBC exceptions, as
 * a native query's do.
 */
@ApplicationScoped
public class TransactionSql {

    /** Reads one row of a result set (positioned on it). */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    @Inject
    EntityManager em;

    /** Runs an INSERT, UPDATE or DELETE; returns the rows it changed. */
    public int update(String sql, Object... args) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, args)) {
                return statement.executeUpdate();
            }
        });
    }

    /** Every row of a query, in its order. */
    public <T> List<T> list(String sql, RowReader<T> reader, Object... args) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, args);
                    ResultSet rows = statement.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(reader.read(rows));
                }
                return out;
            }
        });
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> first(String sql, RowReader<T> reader, Object... args) {
        return list(sql, reader, args).stream().findFirst();
    }

    private Session session() {
        return em.unwrap(Session.class);
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object[] args) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
