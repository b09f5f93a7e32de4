package io.github.open311server.web;

import java.util.List;

/**
 * RFC 4180 lines, the one place CSV is written: a field is quoted when it holds a comma, a quote or a
 * line break, quotes are doubled, lines end in CRLF, null is an empty field. Text that starts like a
 * spreadsheet formula is written as it is: this is data, and the quoting keeps it one field.
 */
public final class Csv {

    private Csv() {}

    public static String line(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            field(line, fields.get(i));
        }
        return line.append("\r\n").toString();
    }

    private static void field(StringBuilder line, String value) {
        if (value == null) {
            return;
        }
        if (value.indexOf(',') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            line.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
            line.append(value);
        }
    }
}
