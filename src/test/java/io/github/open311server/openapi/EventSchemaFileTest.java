package io.github.open311server.openapi;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import io.github.open311server.support.EventSchema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventSchemaFileTest {

    private static final String VALID = """
            {"type": "request.note_added", "timestamp": "2026-05-01T10:00:00Z",
             "data": {"event_id": "0e9c3bd4-7a52-4b4e-9a43-8c2d1a4c7f10", "schema_version": 1,
                      "jurisdiction_id": "city.example", "sequence": 2, "service_request_id": "SR-1",
                      "actor": {"type": "staff", "id": "jo"}, "changes": {}, "note": "Crew booked",
                      "staff": {"sequence": 3, "submitter": {"email": "a@example.org"}}}}""";

    @Test
    void thePublishedFileIsTheOneTheOpenApiDocumentDefines() throws Exception {
        String generated = EventSchema.fromOpenApi();
        if (Boolean.getBoolean("open311.write-schemas")) {
            Files.createDirectories(EventSchema.FILE.getParent());
            Files.writeString(EventSchema.FILE, generated);
        }
        assertTrue(Files.exists(EventSchema.FILE), "missing: run make schemas");
        assertEquals(
                generated,
                Files.readString(EventSchema.FILE),
                EventSchema.FILE + " differs from openapi/open311.yaml: run make schemas");
    }

    @Test
    void itAcceptsAnEventAndRefusesBrokenOnes() {
        assertEquals(java.util.Set.of(), EventSchema.problems(VALID));
        assertFalse(
                EventSchema.problems(VALID.replace("\"schema_version\": 1,", ""))
                        .isEmpty(),
                "no version");
        assertFalse(EventSchema.problems(VALID.replace("request.note_added", "request.eaten"))
                .isEmpty());
        assertFalse(
                EventSchema.problems(VALID.replace("\"email\"", "\"password\"")).isEmpty(), "unknown submitter field");
        assertFalse(EventSchema.problems(VALID.replace("\"sequence\": 3", "\"sequence\": 0"))
                .isEmpty());
    }
}
