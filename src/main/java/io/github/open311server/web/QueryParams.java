package io.github.open311server.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Typed readers of query and form parameters, one rule for every endpoint: empty values count as
 * absent, values are trimmed, lists are comma-separated and/or repeated, and a malformed value adds
 * a problem (naming the parameter and the value) instead of failing alone.
 */
public final class QueryParams {

    private static final Pattern DECIMAL = Pattern.compile("^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)$");

    private QueryParams() {}

    public static String single(MultivaluedMap<String, String> params, String name) {
        String value = params.getFirst(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Values of a list parameter: comma-separated and/or repeated, trimmed, blanks dropped, de-duplicated. */
    public static List<String> list(MultivaluedMap<String, String> params, String name) {
        List<String> raw = params.get(name);
        if (raw == null) {
            return List.of();
        }
        LinkedHashSet<String> values = new LinkedHashSet<>();
        for (String value : raw) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        }
        return List.copyOf(values);
    }

    /** {@code true} or {@code false} (any case); absent is false, anything else a problem. */
    public static boolean bool(MultivaluedMap<String, String> params, String name, Problems problems) {
        String value = single(params, name);
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        problems.add(name + " must be true or false; got '" + value + "'");
        return false;
    }

    /** A whole number of at least zero, or {@code fallback} when absent or malformed. */
    public static int wholeNumber(MultivaluedMap<String, String> params, String name, int fallback, Problems problems) {
        String value = single(params, name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number; got '" + value + "'");
            return fallback;
        }
    }

    /** A whole number of at least one, or {@code fallback} when absent or malformed. */
    public static int positive(MultivaluedMap<String, String> params, String name, int fallback, Problems problems) {
        int value = wholeNumber(params, name, fallback, problems);
        if (value == 0) {
            problems.add(name + " must be a positive whole number");
            return fallback;
        }
        return value;
    }

    /** A plain decimal (never {@code NaN}, {@code 1e5} or hex) within {@code -limit..limit}, or null. */
    public static Double decimal(String name, String value, double limit, Problems problems) {
        if (!isDecimal(value)) {
            problems.add(name + " must be a decimal number; got '" + value + "'");
            return null;
        }
        double n = Double.parseDouble(value);
        if (Math.abs(n) > limit) {
            problems.add(name + " is out of range; got " + value);
            return null;
        }
        return n;
    }

    public static boolean isDecimal(String value) {
        return DECIMAL.matcher(value).matches();
    }
}
