package io.github.open311server.web;

import java.util.List;
import java.util.regex.Pattern;

/** Mail addresses an admin configures (departments, on-call, supervisors): plain ones only, and a bounded few. */
public final class MailAddresses {

    /** Plain addresses only: no display names, quotes, commas or braces (they would break an array literal). */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}");

    private static final int MAX = 20;

    private MailAddresses() {}

    /** Adds a problem when the list (null: none) is too long or holds an address that cannot be used. */
    public static void check(String field, List<String> addresses, List<String> problems) {
        List<String> given = addresses == null ? List.of() : addresses;
        List<String> bad = given.stream()
                .filter(a -> a == null || a.length() > 254 || !PLAIN.matcher(a).matches())
                .toList();
        if (!bad.isEmpty() || given.size() > MAX) {
            problems.add(field + " must be at most " + MAX + " e-mail addresses (name@domain); not usable: " + bad);
        }
    }

    /** A text[] literal of checked addresses, or null for none. */
    public static String arrayLiteral(List<String> addresses) {
        return addresses == null || addresses.isEmpty() ? null : "{" + String.join(",", addresses) + "}";
    }
}
