package io.github.open311server.web;

/** Normalisation of free text from forms, so that whatever is accepted can always be published in XML. */
public final class Texts {

    private Texts() {}

    /**
     * Line endings become {@code \n} (form encoding turns them into CRLF), characters that XML 1.0
     * cannot carry are dropped, ends are trimmed; an empty result counts as absent.
     */
    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (isXmlChar(c)) {
                out.append(c);
            }
        }
        String cleaned = out.toString().strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    private static boolean isXmlChar(char c) {
        return c == '\n' || c == '\t' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }
}
