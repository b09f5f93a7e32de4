package georeport.conformance.extensions;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import georeport.conformance.extensions.Ext.Posted;
import georeport.conformance.support.Checks;
import georeport.conformance.support.Docs;
import georeport.conformance.support.Fmt;
import georeport.conformance.support.Posts;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Free-text search of GET requests (docs 6.4: q of Chicago and Mark-a-Spot, search of 6A). */
@DisplayName("extensions: q full-text search (6.4)")
class TextSearchChecks {

    record Data(Posted posted, String word) {}

    static final Ext.Memo<Data> DATA = new Ext.Memo<>(() -> {
        String word = Ext.uniqueWord();
        double[] p = Ext.freshPoint();
        return new Data(
                Ext.postAt(p[0], p[1], Ext.description("full-text search") + " mentions " + word + " once"), word);
    });

    @BeforeEach
    void optIn() {
        Checks.extensions();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("6.4 q=<a word found in one posted description only> finds exactly that request")
    void uniqueWordFindsTheRequest(Fmt f) {
        Posts.requirePosting();
        Data d = DATA.get();
        Docs.Doc doc = Ext.list(f, "q", d.word());
        assertEquals(
                List.of(d.posted().id()),
                Ext.ids(doc),
                "q=" + d.word() + " (a word of " + d.posted().id()
                        + "'s description and of no other request) must find exactly that request: "
                        + doc.response().describe());
    }
}
