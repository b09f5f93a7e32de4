package io.github.open311server.requests;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a request reached the city. Call takers name it when they file for a caller; a public POST takes the
 * default channel of the API client it came through.
 */
public enum Channel {
    PHONE,
    EMAIL,
    WALK_IN,
    CHAT,
    SOCIAL,
    WEB,
    APP;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> fromWire(String value) {
        return Arrays.stream(values())
                .filter(c -> c.wireName().equalsIgnoreCase(value == null ? "" : value.strip()))
                .findFirst();
    }

    /** For error messages: {@code phone, email, ...}. */
    public static String names() {
        return Arrays.stream(values()).map(Channel::wireName).collect(Collectors.joining(", "));
    }
}
