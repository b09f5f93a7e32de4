package io.github.open311server.requests.queue;

import java.time.OffsetDateTime;
import java.util.List;

import io.github.open311server.requests.search.RequestQuery.BoundingBox;
import io.github.open311server.requests.search.RequestQuery.Circle;

/**
 * A staff work-queue search after parsing: what the requests must match, in which order, and which page.
 * Null filters are absent. {@code now} is the instant "overdue" is judged at.
 */
public record WorkQueueQuery(
        long jurisdictionRef, Filters filters, QueueSort sort, int pageSize, QueueCursor after, String fingerprint) {

    /** Lists of values match any of them; names (agency, assignee, agency area) match in any case. */
    public record Filters(
            List<String> statuses,
            List<String> detailedStatuses,
            List<Long> serviceRefs,
            List<String> agencies,
            List<String> assignees,
            Boolean unassigned,
            List<String> priorities,
            List<String> channels,
            Boolean overdue,
            Boolean hasPhoto,
            BoundingBox bbox,
            Circle near,
            String agencyArea,
            OffsetDateTime requestedFrom,
            OffsetDateTime requestedTo,
            OffsetDateTime updatedFrom,
            OffsetDateTime updatedTo,
            String text,
            String submitterEmail,
            String submitterPhoneDigits,
            OffsetDateTime now) {}
}
