package georeport.conformance.extensions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import georeport.conformance.extensions.Ext.Posted;
import georeport.conformance.support.Api;
import georeport.conformance.support.Checks;
import georeport.conformance.support.DocKind;
import georeport.conformance.support.Docs;
import georeport.conformance.support.Fmt;
import georeport.conformance.support.Http;
import georeport.conformance.support.Posts;

import static georeport.conformance.support.Trees.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Paging (docs 6.1): page/page_size (1-based), the Link rel="next" / X-Next-Page-Token cursor, and their errors. The
 * checks page through a window of start_date/end_date that holds five requests they posted, so the list cannot change
 * while they read it.
 */
@DisplayName("extensions: paging (6.1)")
class PagingChecks {

    static final int COUNT = 5;
    static final String SIZE = "2";

    record Data(List<Posted> posted, String[] window) {}

    static final Ext.Memo<Data> DATA = new Ext.Memo<>(() -> {
        double[] p = Ext.freshPoint();
        List<Posted> posted = new ArrayList<>();
        for (int i = 1; i <= COUNT; i++) {
            posted.add(Ext.postAt(p[0], p[1], Ext.description("paging, request " + i + " of " + COUNT)));
        }
        return new Data(posted, Ext.window(posted));
    });

    @BeforeEach
    void optIn() {
        Checks.extensions();
    }

    static Data data() {
        Posts.requirePosting();
        return DATA.get();
    }

    static String[] window(Data d, String... more) {
        return Ext.concat(new String[] {"start_date", d.window()[0], "end_date", d.window()[1]}, more);
    }

    /** The window's unpaged list, which must hold every posted request. */
    static List<String> unpaged(Fmt f, Data d) {
        Docs.Doc doc = Ext.list(f, window(d));
        List<String> all = Ext.ids(doc);
        for (Posted p : d.posted()) {
            assertTrue(
                    all.contains(p.id()),
                    "the window start_date/end_date around the posted requests misses " + p.id() + ": "
                            + doc.response().describe());
        }
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("6.1 page=1,2,… with page_size=2 partition the list without overlap, in the order of the unpaged list")
    void pagesPartitionTheList(Fmt f) {
        Data d = data();
        List<String> all = unpaged(f, d);
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= all.size() / 2 + 2; page++) {
            Docs.Doc doc = Ext.list(f, window(d, "page", String.valueOf(page), "page_size", SIZE));
            List<String> got = Ext.ids(doc);
            assertTrue(
                    got.size() <= 2,
                    "page " + page + " holds " + got.size() + " requests with page_size=2: "
                            + doc.response().request());
            if (got.isEmpty()) {
                break;
            }
            for (String id : got) {
                assertTrue(
                        !seen.contains(id),
                        id + " is on page " + page + " and on an earlier page: "
                                + doc.response().request());
            }
            seen.addAll(got);
        }
        assertEquals(
                all,
                seen,
                "pages 1, 2, 3, … (1-based, docs 6.1) of page_size=2 joined must be the unpaged list of the "
                        + "window, in its order");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("6.1 a page past the end -> 200 with an empty list")
    void pagePastTheEnd(Fmt f) {
        Data d = data();
        int past = unpaged(f, d).size() + 3;
        Docs.Doc doc = Ext.list(f, window(d, "page", String.valueOf(past), "page_size", SIZE));
        assertTrue(
                items(doc.tree()).isEmpty(),
                "page " + past + " of page_size=2 lies past the end and must be empty: "
                        + doc.response().describe());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("6.1 page_size above the maximum (1001, the spec's cap is 1000) -> 400 with an error document")
    void pageSizeAboveMaximum(Fmt f) {
        Docs.expectError(Ext.get("requests." + f.suffix, "page_size", "1001"), 400, f);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("6.1 page_size=0 -> 400 with an error document")
    void pageSizeZero(Fmt f) {
        Docs.expectError(Ext.get("requests." + f.suffix, "page_size", "0"), 400, f);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("6.1 a page with more to come carries Link: <…>; rel=\"next\" and X-Next-Page-Token")
    void nextHeaders(Fmt f) {
        Data d = data();
        Http.Response r = Ext.get("requests." + f.suffix, window(d, "page_size", SIZE));
        Docs.expect(r, DocKind.REQUESTS, f);
        assertTrue(
                Ext.nextLink(r).isPresent(),
                "the window holds at least " + COUNT + " requests, so page_size=2 leaves more: "
                        + "expected a Link header with rel=\"next\"; got " + Ext.pagingHeaders(r) + " for "
                        + r.request());
        assertTrue(
                Ext.nextToken(r).isPresent(),
                "expected an X-Next-Page-Token header next to the next link; got " + Ext.pagingHeaders(r) + " for "
                        + r.request());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "6.1 following the rel=\"next\" links to the end visits every request once, in order; the last page has none")
    void followNextLinks(Fmt f) {
        Data d = data();
        List<String> all = unpaged(f, d);
        walk(
                all,
                f,
                Ext.get("requests." + f.suffix, window(d, "page_size", SIZE)),
                r -> Ext.nextLink(r)
                        .map(url -> Api.url("GET", url).noJurisdiction().send()),
                "rel=\"next\" link");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("6.1 following X-Next-Page-Token as page_token to the end visits every request once, in order")
    void followPageTokens(Fmt f) {
        Data d = data();
        List<String> all = unpaged(f, d);
        walk(
                all,
                f,
                Ext.get("requests." + f.suffix, window(d, "page_size", SIZE)),
                r -> Ext.nextToken(r)
                        .map(t -> Ext.get("requests." + f.suffix, window(d, "page_size", SIZE, "page_token", t))),
                "X-Next-Page-Token");
    }

    interface Next {
        Optional<Http.Response> after(Http.Response r);
    }

    /** Reads page after page; every page valid, at most 2 items, no item twice, a short page ends the walk. */
    static void walk(List<String> all, Fmt f, Http.Response first, Next next, String how) {
        List<String> seen = new ArrayList<>();
        Set<String> once = new HashSet<>();
        Http.Response r = first;
        for (int page = 1; ; page++) {
            List<String> got = Ext.ids(Docs.expect(r, DocKind.REQUESTS, f));
            assertTrue(
                    got.size() <= 2,
                    "page " + page + " holds " + got.size() + " requests with page_size=2: " + r.request());
            for (String id : got) {
                assertTrue(once.add(id), id + " comes a second time on page " + page + " (" + r.request() + ")");
            }
            seen.addAll(got);
            Optional<Http.Response> n = next.after(r);
            if (n.isEmpty()) {
                break;
            }
            assertTrue(
                    got.size() == 2,
                    "page " + page + " holds only " + got.size() + " of page_size=2 requests, so it is the last, "
                            + "yet it carries a " + how + ": " + Ext.pagingHeaders(r) + " for " + r.request());
            assertTrue(
                    page <= all.size() / 2 + 1,
                    "the " + how + " chain goes on past the " + all.size() + " requests of the list: " + r.request());
            r = n.get();
        }
        assertEquals(
                all,
                seen,
                "the pages reached through the " + how
                        + " joined must be the unpaged list, each request once, in order");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("6.1 an unknown page_token -> 400 with an error document")
    void unknownPageToken(Fmt f) {
        Docs.expectError(
                Ext.get("requests." + f.suffix, "page_size", SIZE, "page_token", "Y29uZm9ybWFuY2UtdW5rbm93bi10b2tlbg"),
                400,
                f);
    }
}
