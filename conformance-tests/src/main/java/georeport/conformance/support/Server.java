package georeport.conformance.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.JsonNode;

import static georeport.conformance.support.Trees.bool;
import static georeport.conformance.support.Trees.items;
import static georeport.conformance.support.Trees.list;
import static georeport.conformance.support.Trees.str;

/**
 * What the suite learns from the server itself, so it needs no seed data: the services (services.xml), each
 * definition (services/{code}.xml), the discovery document and a location inside the city.
 */
public final class Server {

    public record Service(String code, String name, boolean metadata, String type) {}

    public record Attr(String code, boolean variable, String datatype, boolean required, List<String> keys) {}

    public static final class Model {
        public final List<Service> services = new ArrayList<>();
        public final Map<String, List<Attr>> definitions = new LinkedHashMap<>();
        public final Map<String, String> definitionErrors = new LinkedHashMap<>();

        /** Attributes of a service (none when metadata=false). */
        public List<Attr> attrs(Service s) {
            return definitions.getOrDefault(s.code(), List.of());
        }

        /** A service can be posted to when its definition (if it has one) could be read. */
        public boolean postable(Service s) {
            return !s.metadata() || definitions.containsKey(s.code());
        }

        /** The postable service of this type with the fewest required attributes. */
        public Optional<Service> ofType(String type) {
            return services.stream()
                    .filter(s -> s.type().equals(type))
                    .filter(this::postable)
                    .min(Comparator.comparingLong(s -> attrs(s).stream()
                            .filter(a -> a.required() && a.variable())
                            .count()));
        }

        /** Service of type realtime, or of the given type; the check is skipped with a reason when none exists. */
        public Service require(String type) {
            Optional<Service> s = ofType(type);
            Assumptions.assumeTrue(
                    s.isPresent(),
                    "the server offers no " + type + " service (services.xml lists "
                            + services.stream()
                                    .map(x -> x.code() + ":" + x.type())
                                    .toList() + ")");
            return s.get();
        }

        /** First postable service (any type, realtime preferred) having an attribute that matches. */
        public Optional<Map.Entry<Service, Attr>> withAttr(Predicate<Attr> p) {
            List<Service> order = new ArrayList<>(services);
            order.sort(Comparator.comparing((Service s) -> !s.type().equals("realtime")));
            for (Service s : order) {
                if (!postable(s)) {
                    continue;
                }
                for (Attr a : attrs(s)) {
                    if (p.test(a)) {
                        return Optional.of(Map.entry(s, a));
                    }
                }
            }
            return Optional.empty();
        }

        public Map.Entry<Service, Attr> requireAttr(String what, Predicate<Attr> p) {
            Optional<Map.Entry<Service, Attr>> e = withAttr(p);
            Assumptions.assumeTrue(e.isPresent(), "no service definition of the server has " + what);
            return e.get();
        }

        public Service service(String code) {
            return services.stream()
                    .filter(s -> s.code().equals(code))
                    .findFirst()
                    .orElse(null);
        }
    }

    private static Model model;
    private static String modelError;
    private static String discoveryBase;
    private static boolean discoveryLearned;
    private static JsonNode discoveryTree;
    private static double[] location;
    private static boolean locationLearned;

    private Server() {}

    /** The learned services and definitions; a failure to read services.xml fails the calling check. */
    public static synchronized Model model() {
        Config.server();
        if (model == null && modelError == null) {
            try {
                model = learn();
            } catch (AssertionError e) {
                modelError = e.getMessage();
            }
        }
        if (model == null) {
            throw new AssertionError("could not learn the server's services from services.xml: " + modelError);
        }
        return model;
    }

    private static Model learn() {
        Model m = new Model();
        Docs.Doc doc = Docs.expect(Api.get("services.xml").send(), DocKind.SERVICES, Fmt.XML);
        for (JsonNode s : items(doc.tree())) {
            m.services.add(new Service(
                    str(s, "service_code"),
                    str(s, "service_name"),
                    Boolean.TRUE.equals(bool(s, "metadata")),
                    str(s, "type")));
        }
        for (Service s : m.services) {
            if (!s.metadata()) {
                continue;
            }
            try {
                Docs.Doc d = Docs.expect(
                        Api.get("services/" + Http.seg(s.code()) + ".xml").send(), DocKind.SERVICE_DEFINITION, Fmt.XML);
                List<Attr> attrs = new ArrayList<>();
                for (JsonNode a : list(d.tree(), "attributes")) {
                    List<String> keys = new ArrayList<>();
                    for (JsonNode v : list(a, "values")) {
                        keys.add(str(v, "key"));
                    }
                    attrs.add(new Attr(
                            str(a, "code"),
                            !Boolean.FALSE.equals(bool(a, "variable")),
                            str(a, "datatype"),
                            Boolean.TRUE.equals(bool(a, "required")),
                            keys));
                }
                m.definitions.put(s.code(), attrs);
            } catch (AssertionError e) {
                m.definitionErrors.put(s.code(), e.getMessage());
            }
        }
        return m;
    }

    /**
     * Discovery URL without suffix: -Dopen311.discovery, else {base}/discovery, else {parent of base}/discovery,
     * whichever answers discovery.xml with 200 first; null when none does.
     */
    public static synchronized String discovery() {
        Config c = Config.server();
        if (!discoveryLearned) {
            discoveryLearned = true;
            if (c.discovery != null) {
                discoveryBase = c.discovery;
            } else {
                List<String> candidates = new ArrayList<>();
                candidates.add(c.base + "/discovery");
                int slash = c.base.lastIndexOf('/');
                if (slash > "https://".length()) {
                    candidates.add(c.base.substring(0, slash) + "/discovery");
                }
                for (String cand : candidates) {
                    try {
                        if (Http.get(cand + ".xml").status() == 200) {
                            discoveryBase = cand;
                            break;
                        }
                    } catch (AssertionError ignored) {
                        // try the next candidate
                    }
                }
            }
        }
        return discoveryBase;
    }

    public static String requireDiscovery() {
        String d = discovery();
        Assumptions.assumeTrue(
                d != null,
                "no discovery URL given (-Dopen311.discovery) and none found at {base}/discovery.xml "
                        + "or {parent of base}/discovery.xml");
        return d;
    }

    /** The discovery JSON tree, or null when it cannot be read (best effort, for the production-endpoint guard). */
    public static synchronized JsonNode discoveryTree() {
        if (discoveryTree == null && discovery() != null) {
            try {
                Http.Response r = Http.get(discovery() + ".xml");
                if (r.status() == 200
                        && Docs.problems(r.body(), DocKind.DISCOVERY, Fmt.XML).isEmpty()) {
                    discoveryTree = Docs.tree(r.body(), DocKind.DISCOVERY, Fmt.XML);
                }
            } catch (AssertionError ignored) {
                // no discovery: nothing learned
            }
        }
        return discoveryTree;
    }

    /** "production", "test" or null: the type discovery gives to the endpoint under test. */
    public static String endpointType() {
        JsonNode d = discoveryTree();
        if (d == null) {
            return null;
        }
        for (JsonNode e : list(d, "endpoints")) {
            String url = str(e, "url");
            if (url != null && stripSlash(url).equals(Config.get().base)) {
                return str(e, "type");
            }
        }
        return null;
    }

    static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** A lat/long inside the city: -Dopen311.lat/long, else the first located request of GET requests; null if none. */
    public static synchronized double[] location() {
        Config c = Config.server();
        if (!locationLearned) {
            locationLearned = true;
            if (c.lat != null && c.lon != null) {
                location = new double[] {c.lat, c.lon};
            } else {
                try {
                    Http.Response r = Api.get("requests.json").send();
                    if (r.status() == 200) {
                        for (JsonNode req : items(Json.parse(r.body()))) {
                            BigDecimal la = Trees.num(req, "lat");
                            BigDecimal lo = Trees.num(req, "long");
                            if (la != null && lo != null) {
                                location = new double[] {la.doubleValue(), lo.doubleValue()};
                                break;
                            }
                        }
                    }
                } catch (Exception | AssertionError ignored) {
                    // no location learned
                }
            }
        }
        return location;
    }

    public static double[] requireLocation() {
        double[] l = location();
        Assumptions.assumeTrue(
                l != null,
                "no location inside the city known: pass -Dopen311.lat=.. -Dopen311.long=.. "
                        + "(none could be learned from GET requests.json)");
        return l;
    }
}
