package io.github.open311server.web;

/**
 * A path tail such as {@code 033.json} or {@code ServiceRequest/Animals.xml} split at its last dot:
 * codes and ids are opaque and may themselves contain dots and slashes.
 */
public record Suffixed(String name, Format format) {

    public static Suffixed parse(String tail) {
        int dot = tail.lastIndexOf('.');
        if (dot <= 0 || dot == tail.length() - 1) {
            throw Open311Exception.notFound("Resource not found: the path must end in .xml or .json");
        }
        return new Suffixed(tail.substring(0, dot), Format.require(tail.substring(dot + 1)));
    }
}
