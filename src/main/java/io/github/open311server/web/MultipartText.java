package io.github.open311server.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.jboss.resteasy.reactive.server.multipart.FormValue;

/**
 * The text of a multipart part, never altered silently. A declared charset is honoured, and bytes
 * invalid in it are the client's error (400). An undeclared part is UTF-8 when it is valid UTF-8,
 * else Windows-1252, the legacy default: Apache httpmime in browser-compatible mode (the GeoReporter
 * Android app) sends ISO-8859-1 text parts without a charset, so "Straße" arrives as the byte 0xDF.
 * <p>
 * The framework decodes undeclared parts with the configured default charset, ISO-8859-1
 * ({@code quarkus.rest.multipart.input-part.default-charset}), which maps every byte to one char,
 * so the original bytes can be taken back losslessly here.
 */
public final class MultipartText {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private MultipartText() {}

    public static String of(String field, FormValue value) {
        String text = value.getValue();
        String declared = declaredCharset(
                value.getHeaders() == null ? null : value.getHeaders().getFirst("Content-Type"));
        if (declared != null) {
            // the framework replaced what it could not decode with U+FFFD: refuse rather than store a changed text
            if (text.indexOf('\uFFFD') >= 0) {
                throw invalid(field, declared);
            }
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    private static Open311Exception invalid(String field, String charset) {
        return Open311Exception.badRequest("The part '" + field + "' is not valid " + charset);
    }

    /** The charset parameter of a part's Content-Type, or null. */
    static String declaredCharset(String contentType) {
        String charset = contentType == null ? null : HttpGuard.mediaTypeParameter(contentType, "charset");
        if (charset != null && !Charset.isSupported(charset)) {
            throw Open311Exception.badRequest("Unsupported charset '" + charset + "' in a multipart part");
        }
        return charset;
    }
}
