package io.github.open311server.web;

import java.util.regex.Pattern;

/**
 * Characters no Open311 text may hold: those XML 1.0 forbids (C0 controls other than tab, line feed
 * and carriage return, lone surrogates, U+FFFE and U+FFFF), and DEL. Stored, any of them would make
 * every XML answer that includes it ill-formed, so every door that lets text in refuses them (400).
 */
public final class ForbiddenCharacters {

    /** A %-escape of a C0 control or DEL, or the UTF-8 escapes of U+FFFE and U+FFFF. */
    private static final Pattern ESCAPED = Pattern.compile("%(?:[01][0-9a-fA-F]|7[fF])|%[eE][fF]%[bB][fF]%[bB][eEfF]");

    private ForbiddenCharacters() {}

    /** Whether a raw request target has a control character, raw or %-escaped. */
    public static boolean inUri(String uri) {
        if (uri == null) {
            return false;
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return uri.indexOf('%') >= 0 && ESCAPED.matcher(uri).find();
    }

    /** The index of the first forbidden character of a text, or -1. */
    public static int find(CharSequence text) {
        return find(text, 0);
    }

    /** The index of the first forbidden character at or after {@code from}, or -1; a lone surrogate is one. */
    public static int find(CharSequence text, int from) {
        if (text == null) {
            return -1;
        }
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) { // printable ASCII, nearly every character of stored text: one test
                continue;
            }
            if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c == 0x7f || c == 0xfffe || c == 0xffff) {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Refuses a text holding a forbidden character with a 400 that names the field. */
    public static void check(String field, CharSequence text) {
        int at = find(text);
        if (at >= 0) {
            throw Open311Exception.badRequest(field + " holds a character that is not allowed in text (U+"
                    + String.format("%04X", (int) text.charAt(at)) + " at position " + (at + 1) + ")");
        }
    }
}
