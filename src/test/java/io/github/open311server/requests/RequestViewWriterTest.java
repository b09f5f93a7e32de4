package io.github.open311server.requests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;

import io.github.open311server.web.Format;
import io.github.open311server.web.JsonRules;
import io.github.open311server.web.Renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written {@link RequestViewWriter} must write, byte for byte, what Jackson's bean serializer writes for the
 * record under the same rules, in JSON and in XML: absent values, text that needs escaping or holds characters XML
 * forbids, plain decimals, extended attributes.
 */
class RequestViewWriterTest {

    /** Turns the writer off, so the mapper falls back to the bean serializer of the record. */
    @JsonSerialize(using = JsonSerializer.None.class)
    private abstract static class BeanSerialized {}

    private static final String[] TEXTS = {
        "Pothole on Main St",
        "",
        " ",
        "a < b & c > d \"quoted\" 'single'",
        "line\nbreak\ttab\rreturn",
        "bell\u0007 and nul\u0000 and del\u007f",
        "é ü ß 東京 \uD83D\uDEA7",
        "lone \uD800 surrogate",
        "\uFFFE\uFFFF",
        "]]> and <![CDATA[",
        "2024-05-01T10:00:00-05:00"
    };

    private final Random random = new Random(20261207);

    @Test
    void writesWhatTheBeanSerializerWrites() throws IOException {
        Renderer renderer = new Renderer(applicationMapper());
        ObjectMapper beanJson = publishing(applicationMapper());
        XmlMapper beanXml = new XmlMapper();
        JsonRules.common(beanXml);
        publishing(beanXml);

        List<RequestView> views = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            views.add(view(i));
        }
        var document = new ServiceRequestsDocument<>(views);

        String json = new String(renderer.bytes(Format.JSON, document), StandardCharsets.UTF_8);
        assertSame(new String(beanJson.writeValueAsBytes(views), StandardCharsets.UTF_8), json);
        assertTrue(json.contains("\"long\":-89.6501234"), "a coordinate written plainly, under its spec name");
        assertTrue(json.contains("\"extended_attributes\":{"), "extended attributes written too");

        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        xml.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n".getBytes(StandardCharsets.UTF_8));
        beanXml.writeValue(xml, document);
        assertSame(
                xml.toString(StandardCharsets.UTF_8),
                new String(renderer.bytes(Format.XML, document), StandardCharsets.UTF_8));
    }

    /** Equal texts, or a failure that shows where they part (a whole document would be unreadable). */
    private static void assertSame(String expected, String actual) {
        int at = 0;
        while (at < Math.min(expected.length(), actual.length()) && expected.charAt(at) == actual.charAt(at)) {
            at++;
        }
        if (at < Math.max(expected.length(), actual.length())) {
            int from = Math.max(0, at - 80);
            assertEquals(
                    expected.substring(from, Math.min(expected.length(), at + 80)),
                    actual.substring(from, Math.min(actual.length(), at + 80)),
                    "the documents part at character " + at);
        }
        assertTrue(expected.length() > 100_000, "2,000 requests written");
    }

    private static ObjectMapper applicationMapper() {
        ObjectMapper mapper = new ObjectMapper();
        new JsonRules().customize(mapper);
        return mapper;
    }

    private static <M extends ObjectMapper> M publishing(M mapper) {
        mapper.addMixIn(RequestView.class, BeanSerialized.class);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        return mapper;
    }

    private RequestView view(int i) {
        return new RequestView(
                i == 0 ? "SR-0000001" : text(),
                text(),
                text(),
                text(),
                text(),
                text(),
                text(),
                text(),
                text(),
                text(),
                text(),
                text(),
                text(),
                text(),
                i == 0 ? new BigDecimal("39.7817") : coordinate(),
                i == 0 ? new BigDecimal("-89.6501234") : coordinate(),
                text(),
                i == 0 || random.nextInt(4) == 0 ? attributes() : null);
    }

    private String text() {
        return random.nextInt(5) == 0 ? null : TEXTS[random.nextInt(TEXTS.length)];
    }

    private BigDecimal coordinate() {
        return random.nextInt(5) == 0 ? null : RequestView.degrees((random.nextDouble() - 0.5) * 360);
    }

    private ExtendedAttributes attributes() {
        List<ExtendedAttributes.HistoryEntry> history = random.nextBoolean()
                ? List.of()
                : List.of(new ExtendedAttributes.HistoryEntry(
                        text(),
                        "status_changed",
                        text(),
                        text(),
                        text(),
                        random.nextBoolean() ? null : List.of("p.jpg")));
        return new ExtendedAttributes(
                text(),
                random.nextBoolean() ? List.of() : List.of("https://city.example/media/1.jpg", "b & c"),
                history,
                random.nextBoolean() ? null : new WorkOrder("cityworks", "WO-1", null),
                text());
    }
}
