package io.github.open311server.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in one input, collected so that a client learns all of them from one 400
 * instead of fixing one per round trip.
 */
public final class Problems {

    private final List<String> found = new ArrayList<>();

    public void add(String description) {
        found.add(description);
    }

    /** Keeps the description of a failed parse (for example a date) among the others. */
    public void add(Open311Exception failure) {
        failure.errors().forEach(error -> found.add(error.description()));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw Open311Exception.badRequest(List.copyOf(found));
        }
    }
}
