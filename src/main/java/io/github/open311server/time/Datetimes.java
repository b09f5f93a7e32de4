package io.github.open311server.time;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.github.open311server.config.Open311Config;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.Problems;

/**
 * W3C datetimes the way real clients need them. Out: whole seconds with an explicit offset in the
 * city's zone (the widely used Java client cannot parse fractions). In: leniently, because clients
 * send fractions, date-only values, zone-less values and an unencoded '+' that arrives as a space.
 * A singleton, so callers hold the instance itself: behind an application-scoped bean's client proxy,
 * the three datetimes of every listed request each paid a context lookup (7 % of a 1,000-row list's JVM
 * time in a JFR profile).
 */
@Singleton
public class Datetimes {

    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern WITH_ZONE = Pattern.compile(".*T.*(Z|z|[+-]\\d{2}:?\\d{2})$");
    private static final Pattern SPACED_OFFSET =
            Pattern.compile("(.*T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?) (\\d{2}:?\\d{2})$");

    private final ZoneId zone;
    private final ZoneRules rules;
    private final Clock clock;

    @Inject
    public Datetimes(Open311Config config, Clock clock) {
        this(config.timeZone(), clock);
    }

    public Datetimes(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.clock = clock;
    }

    public ZoneId zone() {
        return zone;
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    /** A timestamptz column as a native query returns it (OffsetDateTime or Instant, by driver and Hibernate). */
    public String formatColumn(Object timestamp) {
        if (timestamp instanceof OffsetDateTime odt) {
            return format(odt);
        }
        if (timestamp instanceof Instant instant) {
            return format(instant.atOffset(ZoneOffset.UTC));
        }
        return timestamp == null ? null : timestamp.toString();
    }

    /**
     * {@code uuuu-MM-dd'T'HH:mm:ssXXX} in the city's zone. Written by hand: list answers format three
     * datetimes per request, and DateTimeFormatter was a fifth of the list endpoint's CPU time.
     */
    public String format(OffsetDateTime value) {
        if (value == null) {
            return null;
        }
        long epochSecond = value.toEpochSecond();
        ZoneOffset offset = rules.getOffset(Instant.ofEpochSecond(epochSecond));
        LocalDateTime local = LocalDateTime.ofEpochSecond(epochSecond, 0, offset);
        int year = local.getYear();
        if (year < 1000 || year > 9999) {
            return OUT.format(value.atZoneSameInstant(zone));
        }
        int seconds = offset.getTotalSeconds();
        char[] out = new char[seconds == 0 ? 20 : 25];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, local.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, local.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, local.getHour(), 2);
        out[13] = ':';
        digits(out, 14, local.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, local.getSecond(), 2);
        if (seconds == 0) {
            out[19] = 'Z';
        } else {
            int abs = Math.abs(seconds);
            out[19] = seconds < 0 ? '-' : '+';
            digits(out, 20, abs / 3600, 2);
            out[22] = ':';
            digits(out, 23, (abs / 60) % 60, 2);
        }
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** A UTC instant to the second with a Z, as discovery's changeset (the catalogue's last change) is published. */
    public static String formatUtc(OffsetDateTime value) {
        return UTC_SECONDS.format(value.atZoneSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
    }

    private static final DateTimeFormatter UTC_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

    /** Parses a W3C datetime input, or answers 400 naming the parameter. */
    /** A datetime query parameter: null when absent, null and a problem when malformed. */
    public OffsetDateTime parameter(String name, String value, Problems problems) {
        if (value == null) {
            return null;
        }
        try {
            return parse(name, value);
        } catch (Open311Exception e) {
            problems.add(e);
            return null;
        }
    }

    public OffsetDateTime parse(String name, String raw) {
        OffsetDateTime parsed = parseUnbounded(name, raw);
        // PostgreSQL's timestamptz ends at 294276 AD; no report is filed before year 1 or after 9999
        if (parsed.getYear() < 1 || parsed.getYear() > 9999) {
            throw Open311Exception.badRequest(name + " must be between the years 1 and 9999");
        }
        return parsed;
    }

    private OffsetDateTime parseUnbounded(String name, String raw) {
        String value = raw.trim();
        try {
            if (DATE_ONLY.matcher(value).matches()) {
                return LocalDate.parse(value).atStartOfDay(zone).toOffsetDateTime();
            }
            var spaced = SPACED_OFFSET.matcher(value);
            if (spaced.matches()) {
                value = spaced.group(1) + "+" + spaced.group(4);
            }
            if (WITH_ZONE.matcher(value).matches()) {
                return OffsetDateTime.parse(normaliseOffset(value), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            }
            return LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    .atZone(zone)
                    .toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw Open311Exception.badRequest(name + " must be a W3C datetime such as 2024-05-01T10:00:00Z, "
                    + "2024-05-01T10:00:00-05:00 or 2024-05-01; got '" + raw + "'");
        }
    }

    /** Accepts {@code +0200} as well as {@code +02:00}, and a lower-case {@code z}. */
    private static String normaliseOffset(String value) {
        if (value.endsWith("z")) {
            return value.substring(0, value.length() - 1) + "Z";
        }
        int len = value.length();
        if (len > 5
                && (value.charAt(len - 5) == '+' || value.charAt(len - 5) == '-')
                && Character.isDigit(value.charAt(len - 1))
                && value.charAt(len - 3) != ':') {
            return value.substring(0, len - 2) + ":" + value.substring(len - 2);
        }
        return value;
    }
}
