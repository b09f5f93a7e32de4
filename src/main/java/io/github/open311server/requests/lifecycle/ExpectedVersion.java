package io.github.open311server.requests.lifecycle;

import io.github.open311server.web.Open311Exception;

/**
 * The version a staff change was made against, and where it came from: a stale {@code version} field is a
 * conflict (409), a stale {@code If-Match} a failed precondition (412), none at all 428.
 */
public record ExpectedVersion(Integer version, boolean fromIfMatch) {

    /** The body's version wins; else {@code If-Match: "7"} (or {@code 7}, {@code W/"7"}). */
    public static ExpectedVersion of(Integer bodyVersion, String ifMatch) {
        if (bodyVersion != null) {
            return new ExpectedVersion(bodyVersion, false);
        }
        if (ifMatch == null || ifMatch.isBlank()) {
            return new ExpectedVersion(null, false);
        }
        try {
            return new ExpectedVersion(
                    Integer.parseInt(ifMatch.strip().replace("W/", "").replace("\"", "")), true);
        } catch (NumberFormatException e) {
            throw Open311Exception.badRequest("If-Match must carry the request's version, e.g. \"7\"");
        }
    }
}
