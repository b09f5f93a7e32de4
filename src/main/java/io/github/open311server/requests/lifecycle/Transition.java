package io.github.open311server.requests.lifecycle;

import java.util.Map;

/**
 * What happened to a request, as its history tells it: the kind of change, the fields it moved
 * ({@code {"status": {"from": "open", "to": "closed"}}}), the note citizens see and the note only
 * staff see (either may be null), and who did it ({@code staff:<subject>}, {@code api_client:<name>}).
 */
public record Transition(
        String action, Map<String, Object> changes, String publicNote, String internalNote, String actor) {

    /** Staff's own words to the citizen: mailed to them, public or internal in the history. */
    public static final String MESSAGE = "message";

    /** Whether staff or a city system made it (which acknowledges the request), not the citizen or the server. */
    public boolean byTheCity() {
        return actor != null && (actor.startsWith("staff:") || actor.startsWith("api_client:"));
    }

    public static Transition publicChange(String action, Map<String, Object> changes, String note, String actor) {
        return new Transition(action, changes, note, null, actor);
    }
}
