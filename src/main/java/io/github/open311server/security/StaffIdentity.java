package io.github.open311server.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;

import io.github.open311server.web.Open311Exception;

/**
 * The verified bearer token of a staff or admin caller. Roles come from the {@code groups} claim; the
 * jurisdictions a token may act on from {@code jurisdictions} (array, {@code "*"} for all) or
 * {@code jurisdiction}. A token for one jurisdiction never reads or changes another's data.
 */
@RequestScoped
public class StaffIdentity {

    public static final String STAFF = "staff";
    public static final String ADMIN = "admin";
    /** As mp.jwt.verify.clock.skew. */
    private static final long CLOCK_SKEW_SECONDS = 60;

    @Inject
    JsonWebToken token;

    /**
     * Checks role and jurisdiction from the token alone, before the jurisdiction is even looked up, so a
     * token cannot probe which other jurisdictions exist; 403 otherwise.
     */
    public void require(String jurisdictionId, String... roles) {
        requireRole(roles);
        if (!jurisdictions().contains("*") && !jurisdictions().contains(jurisdictionId)) {
            throw Open311Exception.forbidden("This token is not valid for jurisdiction " + jurisdictionId);
        }
    }

    private void requireRole(String... roles) {
        requireIssuedInThePast();
        Set<String> groups = token.getGroups();
        boolean hasRole = false;
        for (String role : roles) {
            hasRole |= groups.contains(role);
        }
        if (!hasRole) {
            throw Open311Exception.forbidden("This needs the role " + String.join(" or ", roles));
        }
    }

    /** For acts on the server itself (creating jurisdictions): an admin of every jurisdiction. */
    public void requireServerAdmin() {
        requireIssuedInThePast();
        if (!token.getGroups().contains(ADMIN) || !jurisdictions().contains("*")) {
            throw Open311Exception.forbidden("This needs an admin token valid for every jurisdiction (\"*\")");
        }
    }

    /** A token issued in the future (beyond the clock skew) was minted by a clock or a party not to trust. */
    private void requireIssuedInThePast() {
        long issuedAt = token.getIssuedAtTime();
        if (issuedAt > Instant.now().getEpochSecond() + CLOCK_SKEW_SECONDS) {
            throw new UnauthorizedException("token issued in the future");
        }
    }

    public List<String> jurisdictions() {
        List<String> ids = new ArrayList<>();
        Object many = token.getClaim("jurisdictions");
        if (many instanceof Collection<?> values) {
            values.forEach(v -> ids.add(unquote(String.valueOf(v))));
        } else if (many != null) {
            ids.add(unquote(String.valueOf(many)));
        }
        Object one = token.getClaim("jurisdiction");
        if (one != null) {
            ids.add(unquote(String.valueOf(one)));
        }
        return ids;
    }

    /** Who is acting, for the history: the token's preferred name, else its subject. */
    public String actor() {
        String name = token.getClaim("preferred_username");
        return "staff:" + (name != null ? name : token.getSubject());
    }

    private static String unquote(String value) {
        return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }
}
