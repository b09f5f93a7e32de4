package io.github.open311server.requests.search;

import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.config.Open311Config;
import io.github.open311server.requests.search.RequestQuery.Window;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.Open311Exception;

/**
 * The spec's creation window (90 days by default): anchored at whichever bound is given, the last
 * 90 days when neither is; a longer span is refused or clamped, as configured.
 */
@ApplicationScoped
class SearchWindow {

    @Inject
    Open311Config config;

    @Inject
    Datetimes datetimes;

    /** Incremental sync (updated_after/updated_before) asks for changes, not for a creation window. */
    Window requested(OffsetDateTime start, OffsetDateTime end, boolean sync) {
        Duration window = Duration.ofDays(config.requests().defaultWindowDays());
        if (start == null && end == null) {
            if (sync) {
                return null;
            }
            OffsetDateTime now = datetimes.now();
            return new Window(now.minus(window), now);
        }
        if (start == null) {
            return new Window(end.minus(window), end);
        }
        if (end == null) {
            return new Window(start, start.plus(window));
        }
        if (end.isBefore(start)) {
            throw Open311Exception.badRequest("end_date must not be before start_date");
        }
        if (Duration.between(start, end).compareTo(window) > 0) {
            if (!"clamp".equalsIgnoreCase(config.requests().longRange())) {
                throw Open311Exception.badRequest("start_date to end_date may not span more than "
                        + config.requests().defaultWindowDays() + " days");
            }
            return new Window(end.minus(window), end);
        }
        return new Window(start, end);
    }

    static Window updated(OffsetDateTime after, OffsetDateTime before) {
        if (after == null && before == null) {
            return null;
        }
        if (after != null && before != null && before.isBefore(after)) {
            throw Open311Exception.badRequest("updated_before must not be before updated_after");
        }
        return new Window(after, before);
    }
}
