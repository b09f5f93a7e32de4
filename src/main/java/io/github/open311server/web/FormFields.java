package io.github.open311server.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of a POST as real clients send them, whatever the encoding: url-encoded or multipart,
 * with {@code api_key} and {@code jurisdiction_id} possibly in the query string instead of the body.
 */
public final class FormFields {

    /** {@code attribute[CODE]} or {@code attribute[CODE][]}. */
    private static final Pattern ATTRIBUTE = Pattern.compile("^attribute\\[([^\\]]+)\\](\\[\\])?$");

    /**
     * A file of a multipart form, left where the HTTP layer wrote it as it arrived (a temporary file deleted
     * when the request ends): it is read as a stream, as often as needed, and never held whole in memory.
     */
    public record UploadedFile(String fieldName, String fileName, String contentType, long size, Content content) {

        /** Opens the file's bytes from the start, again at each call. */
        public InputStream open() throws IOException {
            return content.open();
        }

        /** The answer when the file cannot be read back (the HTTP layer's temporary file went away). */
        public Open311Exception unreadable() {
            return unreadable(fileName);
        }

        static Open311Exception unreadable(String fileName) {
            return Open311Exception.badRequest("The uploaded file '" + fileName + "' could not be read");
        }

        /** Its first {@code count} bytes, or all of them when it is shorter. */
        public byte[] head(int count) throws IOException {
            try (InputStream in = open()) {
                return in.readNBytes(count);
            }
        }
    }

    /** Where an upload's bytes are read from. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<UploadedFile> files = new ArrayList<>();

    public void add(String name, String value) {
        ForbiddenCharacters.check("The field name '" + name.replaceAll("\\p{Cntrl}", "?") + "'", name);
        ForbiddenCharacters.check(name, value);
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value == null ? "" : value);
    }

    /**
     * Takes {@code api_key} and {@code jurisdiction_id} from the query string when the body lacks them:
     * Chicago-style and Java clients put them in the URL. The body wins.
     */
    public void addCredentialsFrom(Map<String, List<String>> query) {
        for (String name : List.of("api_key", "jurisdiction_id")) {
            if (!values.containsKey(name) && query.containsKey(name)) {
                query.get(name).forEach(v -> add(name, v));
            }
        }
    }

    public void addFile(UploadedFile file) {
        files.add(file);
    }

    /** The first non-blank value of the first name present; aliases let older client spellings through. */
    public String first(String... names) {
        for (String name : names) {
            for (String value : values.getOrDefault(name, List.of())) {
                if (!value.isBlank()) {
                    return value;
                }
            }
        }
        return null;
    }

    /** Whether the field was sent at all, even empty. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** All non-blank values of a repeatable field such as {@code media_url}. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of()).stream()
                .filter(v -> !v.isBlank())
                .toList();
    }

    /** Posted attribute answers by code, every value of every encoding in posting order. */
    public Map<String, List<String>> attributes() {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        values.forEach((name, list) -> {
            Matcher m = ATTRIBUTE.matcher(name);
            if (m.matches()) {
                answers.computeIfAbsent(m.group(1), k -> new ArrayList<>()).addAll(list);
            }
        });
        return answers;
    }

    /** Every field and its values, for fingerprinting. */
    public Map<String, List<String>> snapshot() {
        return Collections.unmodifiableMap(values);
    }

    public List<UploadedFile> files() {
        return files;
    }
}
