package io.github.open311server.requests.lifecycle;

/**
 * A staff update of a request. Absent fields stay as they are. {@code version} is the version the
 * change was made against (or send it as {@code If-Match}); see {@link ExpectedVersion}.
 */
public record ChangeInput(
        Integer version,
        String detailedStatus,
        String statusNotes,
        String agencyResponsible,
        String expectedDatetime,
        String publicNote,
        String internalNote,
        String priority) {}
