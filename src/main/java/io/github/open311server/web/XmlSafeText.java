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
final class XmlSafeText extends StdSerializer<String> {

    XmlSafeText() {
        super(String.class);
    }

    @Override
    public void serialize(String value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(clean(value));
    }

    static String clean(String value) {
        int at = ForbiddenCharacters.find(value);
        if (at < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        out.append(value, 0, at);
        for (int i = at; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else if (ForbiddenCharacters.find(String.valueOf(c)) >= 0) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
