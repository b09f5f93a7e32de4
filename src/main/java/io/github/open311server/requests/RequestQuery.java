package io.github.open311server.requests;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A GET requests search after parsing. {@code ids} non-empty means "exactly these" and overrides
 * every other filter and the date window, as the spec says.
 *
 * @param serviceRefs null for every service
 * @param statuses null for every status
 */
public record RequestQuery(
        long jurisdictionRef,
        List<String> ids,
        List<Long> serviceRefs,
        List<String> statuses,
        OffsetDateTime requestedFrom,
        OffsetDateTime requestedTo,
        int limit) {

    public boolean byIds() {
        return !ids.isEmpty();
    }
}
