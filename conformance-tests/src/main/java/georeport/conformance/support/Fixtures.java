package georeport.conformance.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.JsonNode;

import static georeport.conformance.support.Trees.items;
import static georeport.conformance.support.Trees.str;

/** Requests the suite creates once and shares between checks (memoised, failures included). */
public final class Fixtures {

    /** A request the suite posted. */
    public record Created(
            Server.Service service, Form form, JsonNode answer, Instant postedAt, Http.Response response) {
        public String id() {
            return str(answer, "service_request_id");
        }

        public String token() {
            return str(answer, "token");
        }
    }

    private static Created realtime;
    private static Created batch;
    private static AssertionError realtimeError;
    private static AssertionError batchError;

    private Fixtures() {}

    /** A realtime request posted with .json (valid, required attributes only). */
    public static synchronized Created realtime() {
        Posts.requirePosting();
        if (realtime == null && realtimeError == null) {
            Server.Service s = Server.model().require("realtime");
            try {
                Form f = Posts.valid(s, false);
                Instant before = Instant.now();
                Http.Response r = Posts.post(Fmt.JSON, f);
                JsonNode a = Posts.accepted(r, Fmt.JSON);
                if (str(a, "service_request_id") == null) {
                    throw new AssertionError("realtime POST answered no service_request_id: " + r.describe());
                }
                realtime = new Created(s, f, a, before, r);
            } catch (AssertionError e) {
                realtimeError = e;
            }
        }
        if (realtime == null) {
            throw new AssertionError(
                    "could not create a realtime request: " + realtimeError.getMessage(), realtimeError);
        }
        return realtime;
    }

    /** A batch request posted with .json; its answer holds the token. */
    public static synchronized Created batch() {
        Posts.requirePosting();
        if (batch == null && batchError == null) {
            Server.Service s = Server.model().require("batch");
            try {
                Form f = Posts.valid(s, false);
                Instant before = Instant.now();
                Http.Response r = Posts.post(Fmt.JSON, f);
                JsonNode a = Posts.accepted(r, Fmt.JSON);
                if (str(a, "token") == null) {
                    throw new AssertionError("batch POST answered no token: " + r.describe());
                }
                batch = new Created(s, f, a, before, r);
            } catch (AssertionError e) {
                batchError = e;
            }
        }
        if (batch == null) {
            throw new AssertionError("could not create a batch request: " + batchError.getMessage(), batchError);
        }
        return batch;
    }

    /** Up to n ids of existing requests: from GET requests.json, else the suite's own realtime request. */
    public static List<String> someIds(int n) {
        List<String> ids = new ArrayList<>();
        Http.Response r = Api.get("requests.json").send();
        if (r.status() == 200) {
            try {
                for (JsonNode req : items(Json.parse(r.body()))) {
                    String id = str(req, "service_request_id");
                    if (id != null && ids.size() < n) {
                        ids.add(id);
                    }
                }
            } catch (Exception ignored) {
                // the GET requests checks report this
            }
        }
        if (ids.isEmpty() && Config.get().apiKey != null) {
            try {
                ids.add(realtime().id());
            } catch (AssertionError ignored) {
                // nothing to add
            }
        }
        Assumptions.assumeTrue(
                !ids.isEmpty(), "the server lists no request in the last 90 days and the suite could not create one");
        return ids;
    }
}
