package io.github.open311server.requests.search;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import io.github.open311server.web.Open311Exception;

/**
 * A keyset cursor: the sort key and id of the last row served, bound to the query it came from.
 * Reading the next page is then an index range scan, so page 10,000 costs what page 1 costs.
 * Distance order has no indexable key, so its token carries an offset instead (radius searches are
 * bounded by the maximum radius).
 */
public record PageToken(RequestQuery.Sort sort, long keyMicros, long id, long offset, String fingerprint) {

    private static final String VERSION = "1";

    public static PageToken after(RequestQuery.Sort sort, OffsetDateTime key, long id, String fingerprint) {
        Instant instant = key.toInstant();
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, instant);
        return new PageToken(sort, micros, id, 0, fingerprint);
    }

    public static PageToken atOffset(RequestQuery.Sort sort, long offset, String fingerprint) {
        return new PageToken(sort, 0, 0, offset, fingerprint);
    }

    public OffsetDateTime key() {
        return Instant.EPOCH.plus(keyMicros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    public String encode() {
        String raw = String.join(
                ".",
                VERSION,
                sort.name(),
                Long.toString(keyMicros),
                Long.toString(id),
                Long.toString(offset),
                fingerprint);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a token and checks that it belongs to this very query (same filters, same order). */
    public static PageToken decode(String token, RequestQuery.Sort sort, String fingerprint) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\.");
            if (parts.length != 6 || !VERSION.equals(parts[0])) {
                throw invalid();
            }
            PageToken decoded = new PageToken(
                    RequestQuery.Sort.valueOf(parts[1]),
                    Long.parseLong(parts[2]),
                    Long.parseLong(parts[3]),
                    Long.parseLong(parts[4]),
                    parts[5]);
            if (decoded.sort != sort || !decoded.fingerprint.equals(fingerprint) || decoded.offset < 0) {
                throw Open311Exception.badRequest(
                        "page_token belongs to another query: keep every other parameter as it was");
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static Open311Exception invalid() {
        return Open311Exception.badRequest("page_token is not valid: use the token of a previous answer's next link");
    }
}
