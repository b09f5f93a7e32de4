package io.github.open311server.events;

/**
 * A mail an event causes, queued in the event's own statement (so it exists if and only if the change
 * committed): to whom ({@code citizen} or {@code department}) and which mail. Addresses are looked up
 * when it is sent.
 */
public record QueuedMail(String audience, String kind) {}
