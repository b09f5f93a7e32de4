package io.github.open311server.requests.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.postgresql.PGStatement;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.config.Open311Config;
import io.github.open311server.database.StaleReads;
import io.github.open311server.requests.RequestPage;
import io.github.open311server.requests.RequestPage.Kind;
import io.github.open311server.requests.RequestPage.Total;
import io.github.open311server.requests.RequestView;
import io.github.open311server.requests.search.RequestQuery.Paging;
import io.github.open311server.requests.search.RequestRows.Row;

/**
 * Read side of requests: the statements of {@link RequestListSql} run over plain JDBC and projected
 * straight into views. Listing is the hottest path of the server, so it never loads entities.
 */
@ApplicationScoped
public class RequestSearch {

    /** The top node of a text plan: {@code Index Scan using … (cost=0.42..8.44 rows=123 width=4)}. */
    private static final Pattern PLAN_ROWS = Pattern.compile(" rows=(\\d+) ");

    /** Lists, statistics and hotspots may be slightly stale: the replica serves them when it may. */
    @Inject
    StaleReads staleReads;

    @Inject
    DataSource dataSource;

    @Inject
    RequestListSql statements;

    @Inject
    RequestRows rows;

    @Inject
    Catalogue catalogue;

    @Inject
    Open311Config config;

    public RequestPage find(RequestQuery query) {
        Paging paging = query.paging();
        List<Long> serviceRefs = query.filters().serviceRefs();
        if (serviceRefs != null && serviceRefs.isEmpty()) {
            return new RequestPage(List.of(), null, paging.countTotal() ? Total.exact(0) : null, 0);
        }
        try (Connection connection = staleReads.connection()) {
            List<Row> found = rows.run(connection, statements.list(query));
            String next = null;
            if (!query.byIds() && found.size() > paging.pageSize()) {
                found = found.subList(0, paging.pageSize());
                next = nextToken(query, found.get(found.size() - 1)).encode();
            }
            List<RequestView> views = rows.views(
                    connection, found, query.extensions(), catalogue.publishesWorkOrders(query.jurisdictionRef()));
            Total total = paging.countTotal() ? total(connection, query, found.size(), next != null) : null;
            int withoutLocation =
                    (int) views.stream().filter(v -> v.lat() == null).count();
            return new RequestPage(views, next, total, withoutLocation);
        } catch (SQLException e) {
            throw new IllegalStateException("Request search failed", e);
        }
    }

    public Optional<RequestView> byId(long jurisdictionRef, String serviceRequestId, boolean extensions) {
        return one("r.service_request_id = ?", jurisdictionRef, serviceRequestId, extensions);
    }

    /** The request a batch token stands for; a string that is not a token finds nothing. */
    public Optional<RequestView> byToken(long jurisdictionRef, String token, boolean extensions) {
        UUID uuid;
        try {
            uuid = UUID.fromString(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return one("r.token = ?", jurisdictionRef, uuid, extensions);
    }

    private Optional<RequestView> one(String condition, long jurisdictionRef, Object key, boolean extensions) {
        try (Connection connection = dataSource.getConnection()) {
            List<Row> found = rows.run(connection, statements.one(condition, jurisdictionRef, key, extensions));
            return rows.views(connection, found, extensions, catalogue.publishesWorkOrders(jurisdictionRef)).stream()
                    .findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("Request lookup failed", e);
        }
    }

    /**
     * The total of a first page. A page that holds every match is its own count. Beyond that the
     * planner's estimate decides, as PostgREST's {@code count=estimated} does: matches it expects to be
     * within the limit are counted (a bounded scan of at most limit + 1 rows), more are answered with the
     * estimate, so a list of half a million matches costs one planning more than its page, not a count.
     */
    private Total total(Connection connection, RequestQuery query, int onPage, boolean more) throws SQLException {
        if (!more) {
            return Total.exact(onPage);
        }
        int limit = config.requests().totalCountLimit();
        long estimate = estimate(connection, query);
        if (estimate > limit) {
            return new Total(estimate, Kind.ESTIMATE);
        }
        long counted;
        try (PreparedStatement statement = statements.count(query).prepare(connection);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            counted = rs.getLong(1);
        }
        return counted > limit ? new Total(limit, Kind.MORE_THAN) : Total.exact(counted);
    }

    /** The planner's row estimate of the matches, planned with this query's own values. */
    private long estimate(Connection connection, RequestQuery query) throws SQLException {
        try (PreparedStatement statement =
                statements.matches(query).prefixed("EXPLAIN ").prepare(connection)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(0); // never a generic plan's guess
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                Matcher rows = PLAN_ROWS.matcher(rs.getString(1));
                if (!rows.find()) {
                    throw new SQLException("No row estimate in the plan: " + rs.getString(1));
                }
                return Long.parseLong(rows.group(1));
            }
        }
    }

    private static PageToken nextToken(RequestQuery query, Row last) {
        Paging paging = query.paging();
        return switch (paging.sort()) {
            case REQUESTED_DESC, REQUESTED_ASC ->
                PageToken.after(paging.sort(), last.requested(), last.id(), query.fingerprint());
            case UPDATED_ASC, UPDATED_DESC ->
                PageToken.after(paging.sort(), last.updated(), last.id(), query.fingerprint());
            case DISTANCE ->
                PageToken.atOffset(paging.sort(), (long) paging.offset() + paging.pageSize(), query.fingerprint());
        };
    }
}
