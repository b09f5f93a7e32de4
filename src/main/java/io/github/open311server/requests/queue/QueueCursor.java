package io.github.open311server.requests.queue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import io.github.open311server.web.Open311Exception;

/**
 * Where the next page of the work queue starts: the sort key of the last row served (priority rank,
 * datetime, id) for the keyset orders, an offset for distance, bound to the query it came from so that it
 * cannot be replayed on another. {@code datetime} is null for a row without an expected datetime (those sort
 * last).
 */
public record QueueCursor(QueueSort sort, int rank, OffsetDateTime datetime, long id, long offset, String fingerprint) {

    private static final String VERSION = "q1";
    private static final String NONE = "-";

    public String encode() {
        String raw = String.join(
                "|",
                VERSION,
                sort.name(),
                Integer.toString(rank),
                datetime == null ? NONE : datetime.toString(),
                Long.toString(id),
                Long.toString(offset),
                fingerprint);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static QueueCursor decode(String token, QueueSort sort, String fingerprint) {
        QueueCursor cursor;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 7 || !VERSION.equals(parts[0])) {
                throw invalid();
            }
            cursor = new QueueCursor(
                    QueueSort.valueOf(parts[1]),
                    Integer.parseInt(parts[2]),
                    NONE.equals(parts[3]) ? null : OffsetDateTime.parse(parts[3]),
                    Long.parseLong(parts[4]),
                    Long.parseLong(parts[5]),
                    parts[6]);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid();
        }
        if (cursor.sort != sort || !cursor.fingerprint.equals(fingerprint) || cursor.offset < 0) {
            throw Open311Exception.badRequest(
                    "page_token belongs to another query: keep every other parameter as it was");
        }
        return cursor;
    }

    private static Open311Exception invalid() {
        return Open311Exception.badRequest("page_token is not valid: use the next_page_token of a previous answer");
    }
}
