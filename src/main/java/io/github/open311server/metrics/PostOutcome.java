package io.github.open311server.metrics;

/** Why a POST of a service request ended as it did, by its answer's status: a small, fixed set of labels. */
final class PostOutcome {

    private PostOutcome() {}

    static String of(int status) {
        return switch (status) {
            case 200, 201 -> "created";
            case 400 -> "invalid";
            case 401, 403 -> "forbidden";
            case 404 -> "unknown_service";
            case 409 -> "conflict";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            default -> status >= 500 ? "server_error" : "other";
        };
    }
}
