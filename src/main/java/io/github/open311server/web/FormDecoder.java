package io.github.open311server.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes an {@code application/x-www-form-urlencoded} body. Always as UTF-8, whatever charset the
 * client declared or forgot (the spec says so), and a broken escape or invalid UTF-8 is the
 * client's error (400), not a server failure.
 */
public final class FormDecoder {

    private FormDecoder() {}

    /** Decodes a body of at most {@code maxFields} fields, counted before anything is allocated for them. */
    public static FormFields decode(byte[] body, int maxFields) {
        int fields = 1;
        for (byte b : body) {
            if (b == '&' && ++fields > maxFields) {
                throw new Open311Exception(413, List.of("The form has more than " + maxFields + " fields"));
            }
        }
        FormFields form = new FormFields();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    pair(body, start, i, form);
                }
                start = i + 1;
            }
        }
        return form;
    }

    private static void pair(byte[] body, int from, int to, FormFields form) {
        int eq = from;
        while (eq < to && body[eq] != '=') {
            eq++;
        }
        String name = text(body, from, eq);
        String value = eq < to ? text(body, eq + 1, to) : "";
        if (!name.isEmpty()) {
            form.add(name, value);
        }
    }

    private static String text(byte[] body, int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to || Character.digit(body[i + 1], 16) < 0 || Character.digit(body[i + 2], 16) < 0) {
                    throw Open311Exception.badRequest(
                            "The form body has a broken %-escape; encode it as application/x-www-form-urlencoded");
                }
                bytes.write(Character.digit(body[i + 1], 16) * 16 + Character.digit(body[i + 2], 16));
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw Open311Exception.badRequest("The form body is not valid UTF-8");
        }
    }
}
