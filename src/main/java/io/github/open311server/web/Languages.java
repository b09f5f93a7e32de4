package io.github.open311server.web;

import java.util.List;
import java.util.Locale;

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
