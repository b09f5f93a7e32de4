package georeport.conformance.extensions;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import georeport.conformance.extensions.Ext.Posted;
import georeport.conformance.support.Checks;
import georeport.conformance.support.Dates;
import georeport.conformance.support.Docs;
import georeport.conformance.support.Fmt;
import georeport.conformance.support.Posts;

import static georeport.conformance.support.Trees.items;
import static georeport.conformance.support.Trees.str;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** updated_after / updated_before (docs 6.2): filters on updated_datetime, W3C datetimes as in 1.3. */
@DisplayName("extensions: updated_after / updated_before (6.2)")
class UpdatedFilterChecks {

    record Data(Posted posted, Instant postedAt) {}

    static final Ext.Memo<Data> DATA = new Ext.Memo<>(() -> {
        Instant at = Instant.now();
        double[] p = Ext.freshPoint();
        return new Data(Ext.postAt(p[0], p[1], Ext.description("updated_after / updated_before")), at);
    });

    @BeforeEach
    void optIn() {
        Checks.extensions();
    }

    static Data data() {
        Posts.requirePosting();
        return DATA.get();
    }

    static Instant updated(JsonNode r) {
        OffsetDateTime t = Dates.parse(str(r, "updated_datetime"));
        if (t == null) {
            throw new AssertionError(
                    str(r, "service_request_id") + " is listed by an updated_* filter but its updated_datetime '"
                            + str(r, "updated_datetime") + "' is not a W3C datetime");
        }
        return t.toInstant();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "6.2 updated_after=1 minute ago finds a request created now; every listed request is updated at or after it")
    void updatedAfterFindsNewRequest(Fmt f) {
        Data d = data();
        String after = Dates.utc(d.postedAt().minus(Duration.ofMinutes(1)));
        Docs.Doc doc = Ext.list(f, "updated_after", after);
        assertTrue(
                Ext.find(doc, d.posted().id()) != null,
                "the request " + d.posted().id() + " created at " + d.postedAt() + " must be listed with updated_after="
                        + after + ": " + doc.response().describe());
        List<String> outside = new ArrayList<>();
        for (JsonNode r : items(doc.tree())) {
            if (updated(r).isBefore(Instant.parse(after))) {
                outside.add(str(r, "service_request_id") + " (updated " + str(r, "updated_datetime") + ")");
            }
        }
        assertTrue(outside.isEmpty(), "listed with updated_after=" + after + " but updated before it: " + outside);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "6.2 updated_before=1 hour ago leaves out a request created now; every listed request is updated at or before it")
    void updatedBeforeLeavesNewRequestOut(Fmt f) {
        Data d = data();
        String before = Dates.utc(d.postedAt().minus(Duration.ofHours(1)));
        Docs.Doc doc = Ext.list(f, "updated_before", before);
        assertTrue(
                Ext.find(doc, d.posted().id()) == null,
                "the request " + d.posted().id() + " created at " + d.postedAt()
                        + " must not be listed with updated_before=" + before + ": "
                        + doc.response().request());
        List<String> outside = new ArrayList<>();
        for (JsonNode r : items(doc.tree())) {
            if (updated(r).isAfter(Instant.parse(before))) {
                outside.add(str(r, "service_request_id") + " (updated " + str(r, "updated_datetime") + ")");
            }
        }
        assertTrue(outside.isEmpty(), "listed with updated_before=" + before + " but updated after it: " + outside);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("6.2 malformed updated_after / updated_before -> 400 with an error document")
    void malformed(Fmt f) {
        List<String> problems = new ArrayList<>();
        for (String[] p : new String[][] {
            {"updated_after", "not-a-date"}, {"updated_before", "2024-13-45T10:00:00Z"}, {"updated_after", "yesterday"}
        }) {
            try {
                Docs.expectError(Ext.get("requests." + f.suffix, p[0], p[1]), 400, f);
            } catch (AssertionError e) {
                problems.add(p[0] + "=" + p[1] + ": " + e.getMessage());
            }
        }
        assertTrue(problems.isEmpty(), String.join(" || ", problems));
    }
}
