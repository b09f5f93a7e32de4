package io.github.open311server.web;

import java.util.regex.Pattern;

/**
 * The methods a path accepts, for the {@code Allow} header of a 405 when the framework does not name
 * them: only the request collections take POST; everything else in Open311 is read-only.
 */
final class AllowedMethods {

    private static final Pattern POSTABLE = Pattern.compile(".*/(requests|servicerequestupdates)\\.[A-Za-z]+$");

    private AllowedMethods() {}

    static String forPath(String path) {
        return path != null && POSTABLE.matcher(path).matches() ? "GET, POST" : "GET";
    }
}
