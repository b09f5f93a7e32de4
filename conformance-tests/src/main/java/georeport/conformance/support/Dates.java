package georeport.conformance.support;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** W3C datetimes (spec 1.3). */
public final class Dates {

    /** Checklist (section 8) output form: seconds precision, explicit zone. */
    public static final Pattern CHECKLIST =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})$");
    /** W3C datetime with zone, fractions allowed. */
    public static final Pattern W3C =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$");

    private Dates() {}

    /** Parses a W3C datetime with zone; null when it is not one. */
    public static OffsetDateTime parse(String s) {
        if (s == null || !W3C.matcher(s).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** For discovery changesets: a W3C datetime, or the spec example's zone-less "2011-02-03 14:18" (taken as UTC). */
    public static Instant parseChangeset(String s) {
        OffsetDateTime o = parse(s);
        if (o != null) {
            return o.toInstant();
        }
        try {
            return LocalDateTime.parse(s.trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** e.g. 2024-05-01T10:00:00Z */
    public static String utc(Instant i) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                i.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    /** The same instant written with the given offset, e.g. 2024-05-01T05:00:00-05:00 */
    public static String withOffset(Instant i, ZoneOffset off) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                i.truncatedTo(ChronoUnit.SECONDS).atOffset(off));
    }
}
