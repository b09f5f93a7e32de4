package io.github.open311server.web;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Writes text so that no stored value can make an XML answer ill-formed: a character XML 1.0 forbids
 * (which input checks refuse, but older rows or direct database edits may hold) becomes U+FFFD.
 * An escape such as {@code &#xfffe;} would not help: it names a forbidden character all the same.
 */
public final class XmlSafeText extends StdSerializer<String> {

    XmlSafeText() {
        super(String.class);
    }

    @Override
    public void serialize(String value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(clean(value));
    }

    /** The text with each character XML 1.0 forbids replaced by U+FFFD; the same instance when it has none. */
    public static String clean(String value) {
        int at = ForbiddenCharacters.find(value);
        if (at < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int from = 0;
        for (; at >= 0; at = ForbiddenCharacters.find(value, from)) {
            out.append(value, from, at).append('\uFFFD');
            from = at + 1;
        }
        return out.append(value, from, value.length()).toString();
    }
}
