package georeport.conformance.support;

import org.junit.jupiter.api.Assumptions;

/**
 * Where the server under test is. Everything comes from system properties (-Dopen311.base=...) or, when a property is
 * absent, from the matching environment variable (OPEN311_BASE=...). Nothing else about the server is assumed.
 */
public final class Config {

    private static final Config INSTANCE = new Config();

    /** Endpoint base URL, e.g. http://localhost:8181/open311/v2 (no trailing slash). */
    public final String base;
    /** API key for POST Service Request; without one every POST check is skipped. */
    public final String apiKey;
    /** jurisdiction_id sent with every call when given. */
    public final String jurisdiction;
    /** Discovery URL without the .xml/.json suffix, e.g. http://localhost:8181/open311/discovery. */
    public final String discovery;
    /** A location inside the city, used for POSTs (else learned from GET requests). */
    public final Double lat;

    public final Double lon;
    /** POST to an endpoint that discovery lists as "production" only when this is true. */
    public final boolean allowProductionPosts;
    /** Skip the checks of docs' recommendations that are not a MUST of the spec. */
    public final boolean skipRecommendations;
    /** Run the opt-in checks of the GeoReport v2 extensions (docs section 6); without it they are skipped. */
    public final boolean extensions;
    /** Key with the right to POST servicerequestupdates (docs 6.6); without it those checks are skipped. */
    public final String updatesApiKey;

    public final int timeoutSeconds;
    /** How long to poll tokens/{token} for a service_request_id. */
    public final int tokenWaitSeconds;

    public final String reportDir;

    private Config() {
        base = stripSlash(value("open311.base", "OPEN311_BASE"));
        apiKey = value("open311.apiKey", "OPEN311_API_KEY");
        jurisdiction = value("open311.jurisdiction", "OPEN311_JURISDICTION");
        String disc = stripSlash(value("open311.discovery", "OPEN311_DISCOVERY"));
        if (disc != null && (disc.endsWith(".xml") || disc.endsWith(".json"))) {
            disc = disc.substring(0, disc.lastIndexOf('.'));
        }
        discovery = disc;
        lat = number(value("open311.lat", "OPEN311_LAT"));
        lon = number(value("open311.long", "OPEN311_LONG"));
        allowProductionPosts =
                Boolean.parseBoolean(value("open311.allowProductionPosts", "OPEN311_ALLOW_PRODUCTION_POSTS"));
        skipRecommendations =
                Boolean.parseBoolean(value("open311.skipRecommendations", "OPEN311_SKIP_RECOMMENDATIONS"));
        extensions = Boolean.parseBoolean(value("open311.extensions", "OPEN311_EXTENSIONS"));
        updatesApiKey = value("open311.updatesApiKey", "OPEN311_UPDATES_API_KEY");
        String t = value("open311.timeout", "OPEN311_TIMEOUT");
        timeoutSeconds = t == null ? 30 : Integer.parseInt(t);
        String w = value("open311.tokenWait", "OPEN311_TOKEN_WAIT");
        tokenWaitSeconds = w == null ? 20 : Integer.parseInt(w);
        String dir = value("open311.reportDir", "OPEN311_REPORT_DIR");
        reportDir = dir == null ? "target" : dir;
    }

    public static Config get() {
        return INSTANCE;
    }

    /** Aborts (skips) the calling check when no server is configured. */
    public static Config server() {
        Assumptions.assumeTrue(
                INSTANCE.base != null,
                "no server configured: pass -Dopen311.base=URL (or OPEN311_BASE) to run the conformance checks");
        return INSTANCE;
    }

    public boolean hasServer() {
        return base != null;
    }

    private static String value(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String stripSlash(String s) {
        if (s == null) {
            return null;
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static Double number(String s) {
        return s == null ? null : Double.valueOf(s);
    }
}
