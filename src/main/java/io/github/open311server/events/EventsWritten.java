package io.github.open311server.events;

/** Fired when a transaction wrote events; observed after its commit to wake the dispatcher and waiting feeds. */
public record EventsWritten() {}
