package io.github.open311server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The published JSON Schema of event payloads ({@code openapi/schemas/event-v1.schema.json}) for
 * receivers that validate without an OpenAPI tool. It is built from the OpenAPI document's
 * {@code Event} component and everything it refers to, so the two cannot say different things.
 */
public final class EventSchema {

    public static final Path FILE = Path.of("openapi/schemas/event-v1.schema.json");
    private static final String PREFIX = "#/components/schemas/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema published;

    private EventSchema() {}

    /** The standalone schema as the OpenAPI document defines it today. */
    public static String fromOpenApi() throws IOException {
        JsonNode schemas = new YAMLMapper()
                .readTree(Files.readString(Path.of("openapi/open311.yaml")))
                .path("components")
                .path("schemas");
        Map<String, JsonNode> defs = new TreeMap<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add("Event");
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!defs.containsKey(name)) {
                JsonNode schema = rewrite(schemas.path(name).deepCopy(), todo);
                defs.put(name, schema);
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "urn:open311-server:schema:event:v1");
        root.put("title", "Open311 server event (webhooks and the event feed), schema_version 1");
        root.put("$comment", "Generated from the Event component of openapi/open311.yaml by `make schemas`.");
        root.put("$ref", "#/$defs/Event");
        root.putObject("$defs").setAll(defs);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** Points references into $defs and drops what only OpenAPI knows (XML names, examples). */
    private static JsonNode rewrite(JsonNode node, Deque<String> todo) {
        if (node instanceof ObjectNode object) {
            object.remove("xml");
            object.remove("example");
            object.remove("examples");
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.asText().startsWith(PREFIX)) {
                String name = ref.asText().substring(PREFIX.length());
                todo.add(name);
                object.set("$ref", new TextNode("#/$defs/" + name));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                rewrite(it.next().getValue(), todo);
            }
        } else if (node != null && node.isArray()) {
            node.forEach(item -> rewrite(item, todo));
        }
        return node;
    }

    /** What is wrong with a payload according to the published file; empty when it is valid. */
    public static synchronized Set<String> problems(String payload) {
        try {
            if (published == null) {
                published = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(Files.readString(FILE));
            }
            return published.validate(JSON.readTree(payload)).stream()
                    .map(ValidationMessage::getMessage)
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
