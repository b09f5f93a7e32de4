package io.github.open311server.time;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.config.Open311Config;
import io.github.open311server.errors.Open311Exception;

/**
 * W3C datetimes the way real clients need them. Out: whole seconds with an explicit offset in the
 * city's zone (the widely used Java client cannot parse fractions). In: leniently, because clients
 * send fractions, date-only values, zone-less values and an unencoded '+' that arrives as a space.
 */
@ApplicationScoped
public class Datetimes {

    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern WITH_ZONE = Pattern.compile(".*T.*(Z|z|[+-]\\d{2}:?\\d{2})$");
    private static final Pattern SPACED_OFFSET = Pattern.compile("(.*T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?) (\\d{2}:?\\d{2})$");

    private final ZoneId zone;
    private final Clock clock;

    @Inject
    public Datetimes(Open311Config config, Clock clock) {
        this(config.timeZone(), clock);
    }

    public Datetimes(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    public ZoneId zone() {
        return zone;
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    public String format(OffsetDateTime value) {
        return value == null ? null : OUT.format(value.atZoneSameInstant(zone));
    }

    /** Parses a W3C datetime input, or answers 400 naming the parameter. */
    public OffsetDateTime parse(String name, String raw) {
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
            return LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(zone).toOffsetDateTime();
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
        if (len > 5 && (value.charAt(len - 5) == '+' || value.charAt(len - 5) == '-')
                && Character.isDigit(value.charAt(len - 1)) && value.charAt(len - 3) != ':') {
            return value.substring(0, len - 2) + ":" + value.substring(len - 2);
        }
        return value;
    }
}
