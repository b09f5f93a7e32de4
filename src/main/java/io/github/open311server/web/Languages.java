package io.github.open311server.web;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The language a client asked for, as a bare language code ({@code es} for {@code es-MX}): from a
 * {@code locale} parameter, else the first of {@code Accept-Language}. Anything unreadable counts
 * as not asked (the city's default applies), never as an error.
 */
public final class Languages {

    private Languages() {}

    public static String of(String locale, String acceptLanguage) {
        String asked = code(locale);
        return asked != null ? asked : firstAccepted(acceptLanguage);
    }

    /**
     * The language to answer in among those {@code offered}: the {@code locale} parameter when it is one
     * of them, else the client's most preferred one of them in {@code Accept-Language}, else {@code fallback}.
     */
    public static String choose(String locale, String acceptLanguage, Set<String> offered, String fallback) {
        String asked = code(locale);
        if (asked != null) {
            return offered.contains(asked) ? asked : fallback;
        }
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 500) {
            return fallback;
        }
        try {
            return Locale.LanguageRange.parse(acceptLanguage).stream() // highest weight first
                    .filter(r -> r.getWeight() > 0)
                    .map(r -> code(r.getRange()))
                    .filter(c -> c != null && offered.contains(c))
                    .findFirst()
                    .orElse(fallback);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    static String code(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            return null;
        }
        String language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
        return language.matches("[a-z]{2,3}") ? language : null;
    }

    private static String firstAccepted(String header) {
        if (header == null || header.isBlank() || header.length() > 500) {
            return null;
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
            return ranges.stream()
                    .map(r -> code(r.getRange()))
                    .filter(c -> c != null)
                    .findFirst()
                    .orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
