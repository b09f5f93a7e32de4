package georeport.conformance.support;

import org.junit.jupiter.api.Assumptions;

/** Small helpers shared by the checks. */
public final class Checks {

    private Checks() {
    }

    /**
     * Marks a check as testing a recommendation of docs/georeport-v2.md rather than a MUST of the spec. Such checks
     * carry "(recommendation)" in their name and are skipped with -Dopen311.skipRecommendations=true.
     */
    public static void recommendation() {
        Config.server();
        Assumptions.assumeFalse(Config.get().skipRecommendations,
                "recommendation, not a MUST of the spec: skipped because open311.skipRecommendations=true");
    }

    public static void skip(String reason) {
        Assumptions.abort(reason);
    }

    /** Skips the check with this reason when the condition holds. */
    public static void skipIf(boolean condition, String reason) {
        Assumptions.assumeFalse(condition, reason);
    }
}
