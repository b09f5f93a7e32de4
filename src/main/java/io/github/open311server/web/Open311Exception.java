package io.github.open311server.web;

import java.util.List;
import java.util.Map;

/**
 * A failure to answer with an Open311 error document: an HTTP status and one error per problem.
 * The error code in the body is the HTTP status, as nearly every Open311 server and client expects.
 */
public class Open311Exception extends RuntimeException {

    private final int status;
    private final List<Open311Error> errors;
    private final Map<String, String> headers;

    public Open311Exception(int status, List<String> descriptions) {
        this(status, descriptions, Map.of());
    }

    public Open311Exception(int status, List<String> descriptions, Map<String, String> headers) {
        super(String.join("; ", descriptions), null, false, false);
        this.status = status;
        this.errors =
                descriptions.stream().map(d -> new Open311Error(status, d)).toList();
        this.headers = headers;
    }

    public static Open311Exception badRequest(String description) {
        return new Open311Exception(400, List.of(description));
    }

    public static Open311Exception badRequest(List<String> descriptions) {
        return new Open311Exception(400, descriptions);
    }

    public static Open311Exception forbidden(String description) {
        return new Open311Exception(403, List.of(description));
    }

    public static Open311Exception notFound(String description) {
        return new Open311Exception(404, List.of(description));
    }

    public static Open311Exception unavailable(String description) {
        return new Open311Exception(503, List.of(description));
    }

    public int status() {
        return status;
    }

    public List<Open311Error> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
