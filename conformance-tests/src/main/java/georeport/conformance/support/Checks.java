package georeport.conformance.support;

import org.junit.jupiter.api.Assumptions;

/** Small helpers shared by the checks. */
public final class Checks {

    private Checks() {}

    /**
     * Marks a check as testing a recommendation of docs/georeport-v2.md rather than a MUST of the spec. Such checks
     * carry "(recommendation)" in their name and are skipped with -Dopen311.skipRecommendations=true.
     */
    public static void recommendation() {
        Config.server();
        Assumptions.assumeFalse(
                Config.get().skipRecommendations,
                "recommendation, not a MUST of the spec: skipped because open311.skipRecommendations=true");
    }

    /**
     * Marks a check of a GeoReport v2 extension (docs section 6). They are opt-in: a server without extensions is still
     * conformant, so they run only with -Dopen311.extensions=true (run.sh --extensions, OPEN311_EXTENSIONS=true).
     */
    public static void extensions() {
        Config.server();
        Assumptions.assumeTrue(
                Config.get().extensions,
                "extensions not requested (run with --extensions, -Dopen311.extensions=true or OPEN311_EXTENSIONS=true)");
    }

    public static void skip(String reason) {
        Assumptions.abort(reason);
    }

    /** Skips the check with this reason when the condition holds. */
    public static void skipIf(boolean condition, String reason) {
        Assumptions.assumeFalse(condition, reason);
    }
}
