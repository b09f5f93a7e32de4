package io.github.open311server.requests.lifecycle;

/**
 * An external work order attached to a request: the system's name and its id go together (both, or neither to
 * detach), an optional link, and the assignee (crew or person). {@code version} as for any change.
 */
public record WorkOrderInput(Integer version, String system, String id, String url, String assignee) {}
