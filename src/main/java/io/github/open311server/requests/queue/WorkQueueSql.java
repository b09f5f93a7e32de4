package io.github.open311server.requests.queue;

import java.util.ArrayList;
import java.util.List;

import io.github.open311server.requests.queue.WorkQueueQuery.Filters;
import io.github.open311server.requests.search.RequestListSql;
import io.github.open311server.requests.search.SqlStatement;

/**
 * The SQL of the staff work queue, built in one place: the endpoint, the query-plan test and the benchmark
 * run these statements. Staff see every request of the jurisdiction (blackbox and private ones too). The
 * default view, the open requests of one agency by priority then age, is a range read of
 * {@code service_requests_queue_idx}: the status is written as a literal so that PostgreSQL can prove the
 * index's condition, and the rank is the index's own expression.
 */
public final class WorkQueueSql {

    /** Emergency 0, high 1, normal 2: the order of {@link QueueSort#PRIORITY} and of the queue index. */
    static final String RANK = "(CASE r.priority WHEN 'emergency' THEN 0 WHEN 'high' THEN 1 ELSE 2 END)";

    /** The expected datetime, none as the end of time: the key of {@code service_requests_expected_idx}. */
    static final String EXPECTED = "coalesce(r.expected_datetime, 'infinity')";

    private static final String HAS_PHOTO =
            "(cardinality(r.media_urls) > 0" + " OR EXISTS (SELECT 1 FROM request_media m WHERE m.request_ref = r.id))";

    private static final String COLUMNS = "r.id, r.service_request_id, r.version, r.status, r.detailed_status,"
            + " r.service_ref, r.agency_responsible, r.assignee, r.priority, r.channel, r.requested_datetime,"
            + " r.updated_datetime, r.expected_datetime, r.acknowledged_at IS NOT NULL AS acknowledged,"
            + " r.description, r.address, ST_Y(r.location) AS lat, ST_X(r.location) AS lon, "
            + HAS_PHOTO + " AS has_photo,"
            + " (SELECT d.service_request_id FROM service_requests d WHERE d.id = r.duplicate_of_ref) AS duplicate_of, "
            + RANK + " AS rank";

    private WorkQueueSql() {}

    /** One page (and one row more, to know whether another follows) in the query's order. */
    public static SqlStatement page(WorkQueueQuery query) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS);
        Filters filters = query.filters();
        if (query.sort() == QueueSort.DISTANCE) {
            sql.append(", ST_Distance(r.location::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography)")
                    .append(" AS distance");
            args.add(filters.near().lon());
            args.add(filters.near().lat());
        }
        sql.append(" FROM service_requests r WHERE ");
        where(query, sql, args);
        QueueCursor after = query.after();
        if (after != null) {
            switch (query.sort()) {
                case PRIORITY -> {
                    sql.append(" AND (" + RANK + ", r.requested_datetime, r.id) > (?, ?, ?)");
                    args.add(after.rank());
                    args.add(after.datetime());
                    args.add(after.id());
                }
                case EXPECTED -> {
                    sql.append(" AND (" + EXPECTED + ", r.id) > (?::timestamptz, ?)");
                    args.add(
                            after.datetime() == null
                                    ? "infinity"
                                    : after.datetime().toString());
                    args.add(after.id());
                }
                case NEWEST -> {
                    sql.append(" AND (r.requested_datetime, r.id) < (?, ?)");
                    args.add(after.datetime());
                    args.add(after.id());
                }
                case DISTANCE -> {
                    // no indexable key: the cursor carries an offset (radius searches are bounded)
                }
            }
        }
        sql.append(" ORDER BY ")
                .append(
                        switch (query.sort()) {
                            case PRIORITY -> RANK + ", r.requested_datetime, r.id";
                            case EXPECTED -> EXPECTED + ", r.id";
                            case NEWEST -> "r.requested_datetime DESC, r.id DESC";
                            case DISTANCE ->
                                "r.location::geography <-> ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, r.id";
                        });
        if (query.sort() == QueueSort.DISTANCE) {
            args.add(filters.near().lon());
            args.add(filters.near().lat());
        }
        sql.append(" LIMIT ?");
        args.add(query.pageSize() + 1);
        if (query.sort() == QueueSort.DISTANCE && after != null) {
            sql.append(" OFFSET ?");
            args.add(after.offset());
        }
        return new SqlStatement(sql.toString(), args);
    }

    /** The ids a filter selects (a bulk action's selection), in id order, at most {@code limit}. */
    public static SqlStatement ids(WorkQueueQuery query, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT r.id FROM service_requests r WHERE ");
        where(query, sql, args);
        sql.append(" ORDER BY r.id LIMIT ?");
        args.add(limit);
        return new SqlStatement(sql.toString(), args);
    }

    /** The badges of a queue view: how many requests match, per detailed status, in one aggregate. */
    public static SqlStatement counts(WorkQueueQuery query) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT r.detailed_status, count(*) FROM service_requests r WHERE ");
        where(query, sql, args);
        sql.append(" GROUP BY 1 ORDER BY 1");
        return new SqlStatement(sql.toString(), args);
    }

    private static void where(WorkQueueQuery query, StringBuilder sql, List<Object> args) {
        Filters f = query.filters();
        sql.append("r.jurisdiction_ref = ?");
        args.add(query.jurisdictionRef());
        if (f.statuses() != null && f.statuses().size() == 1) {
            // a literal (checked by the parser: open or closed), so the partial queue index can be proved usable
            sql.append(" AND r.status = '").append(f.statuses().get(0)).append("'");
        }
        anyOf(sql, args, "r.detailed_status", f.detailedStatuses());
        if (f.serviceRefs() != null) {
            sql.append(" AND r.service_ref = ANY (?)");
            args.add(f.serviceRefs().toArray(Long[]::new));
        }
        anyOf(sql, args, "lower(r.agency_responsible)", f.agencies());
        if (f.unassigned() != null || f.assignees() != null) {
            List<String> alternatives = new ArrayList<>();
            if (f.assignees() != null) {
                alternatives.add("lower(r.assignee) = ANY (?)");
                args.add(f.assignees().toArray(String[]::new));
            }
            if (Boolean.TRUE.equals(f.unassigned())) {
                alternatives.add("r.assignee IS NULL");
            }
            if (Boolean.FALSE.equals(f.unassigned())) {
                alternatives.add("r.assignee IS NOT NULL");
            }
            sql.append(" AND (").append(String.join(" OR ", alternatives)).append(")");
        }
        anyOf(sql, args, "r.priority", f.priorities());
        anyOf(sql, args, "r.channel", f.channels());
        if (f.overdue() != null) {
            sql.append(f.overdue() ? " AND " : " AND NOT ").append("(r.status = 'open' AND " + EXPECTED + " < ?)");
            args.add(f.now());
        }
        if (f.hasPhoto() != null) {
            sql.append(f.hasPhoto() ? " AND " : " AND NOT ").append(HAS_PHOTO);
        }
        RequestListSql.area(f.bbox(), f.near(), sql, args);
        if (f.agencyArea() != null) {
            sql.append(" AND ST_Covers((SELECT a.area FROM agencies a WHERE a.jurisdiction_ref = ?")
                    .append(" AND lower(a.name) = ? ORDER BY a.id LIMIT 1), r.location)");
            args.add(query.jurisdictionRef());
            args.add(f.agencyArea());
        }
        if (f.requestedFrom() != null) {
            sql.append(" AND r.requested_datetime >= ?");
            args.add(f.requestedFrom());
        }
        if (f.requestedTo() != null) {
            sql.append(" AND r.requested_datetime <= ?");
            args.add(f.requestedTo());
        }
        if (f.updatedFrom() != null) {
            sql.append(" AND r.updated_datetime >= ?");
            args.add(f.updatedFrom());
        }
        if (f.updatedTo() != null) {
            sql.append(" AND r.updated_datetime <= ?");
            args.add(f.updatedTo());
        }
        if (f.text() != null) {
            // the published text, or any note of the history, internal notes included: a union of two GIN
            // index reads (an OR of the two would have PostgreSQL test every request of the other filters)
            sql.append(" AND r.id IN (SELECT t.id FROM service_requests t")
                    .append(" WHERE t.search_vector @@ websearch_to_tsquery('simple', ?)")
                    .append(" UNION SELECT h.request_ref FROM request_history h")
                    .append(" WHERE h.note IS NOT NULL AND h.action <> 'created'")
                    .append(" AND to_tsvector('simple', h.note) @@ websearch_to_tsquery('simple', ?))");
            args.add(f.text());
            args.add(f.text());
        }
        if (f.submitterEmail() != null) {
            sql.append(" AND r.id IN (SELECT p.request_ref FROM request_submitters p")
                    .append(" WHERE lower(p.email) = ? AND p.email IS NOT NULL)");
            args.add(f.submitterEmail());
        }
        if (f.submitterPhoneDigits() != null) {
            sql.append(" AND r.id IN (SELECT p.request_ref FROM request_submitters p")
                    .append(" WHERE regexp_replace(p.phone, '[^0-9]', '', 'g') = ? AND p.phone IS NOT NULL)");
            args.add(f.submitterPhoneDigits());
        }
    }

    /** {@code = ?} for one value (an index can then keep its order), {@code = ANY (?)} for more. */
    private static void anyOf(StringBuilder sql, List<Object> args, String column, List<String> values) {
        if (values == null) {
            return;
        }
        if (values.size() == 1) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(values.get(0));
        } else {
            sql.append(" AND ").append(column).append(" = ANY (?)");
            args.add(values.toArray(String[]::new));
        }
    }
}
