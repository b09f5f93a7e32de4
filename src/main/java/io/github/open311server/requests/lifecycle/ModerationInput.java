package io.github.open311server.requests.lifecycle;

import java.util.List;

/**
 * A moderation of what a request publishes: each field given replaces the public value ({@code ""} clears a text),
 * an absent one keeps it. {@code mediaUrls}: the media that stay public (a subset of the current ones: media can be
 * withdrawn, not added). {@code hidden}: left out of every public answer (true), or published again (false).
 * {@code reason}: an internal note.
 */
public record ModerationInput(
        Integer version, String description, String address, List<String> mediaUrls, Boolean hidden, String reason) {}
