package io.github.open311server.time;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.open311server.web.Open311Exception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatetimesTest {

    private final Datetimes datetimes = new Datetimes(
            ZoneId.of("America/Chicago"), Clock.fixed(Instant.parse("2024-05-01T12:00:00.789Z"), ZoneOffset.UTC));

    @Test
    void formatsWithSecondsAndTheCityOffset() {
        assertEquals(
                "2024-05-01T07:00:00-05:00", datetimes.format(OffsetDateTime.parse("2024-05-01T12:00:00.123456Z")));
        assertEquals("2024-01-01T06:00:00-06:00", datetimes.format(OffsetDateTime.parse("2024-01-01T12:00:00Z")));
    }

    @Test
    void theHandWrittenFormatAgreesWithTheFormatterAcrossZonesAndTransitions() {
        DateTimeFormatter reference = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
        for (String zone : List.of("America/Chicago", "Europe/London", "Asia/Kolkata", "UTC", "Pacific/Chatham")) {
            Datetimes d = new Datetimes(ZoneId.of(zone), Clock.systemUTC());
            OffsetDateTime t = OffsetDateTime.parse("2023-01-01T00:00:00.5Z");
            for (int i = 0; i < 2000; i++) {
                t = t.plusSeconds(15_787 * 60 + 13);
                assertEquals(reference.format(t.atZoneSameInstant(ZoneId.of(zone))), d.format(t), zone + " " + t);
            }
        }
        assertEquals(
                "0999-01-01T00:00:00Z",
                new Datetimes(ZoneId.of("UTC"), Clock.systemUTC())
                        .format(OffsetDateTime.parse("0999-01-01T00:00:00Z")));
    }

    @Test
    void nowHasNoFraction() {
        assertEquals(OffsetDateTime.parse("2024-05-01T12:00:00Z"), datetimes.now());
    }

    @Test
    void parsesTheFormsClientsSend() {
        OffsetDateTime expected = OffsetDateTime.parse("2024-05-01T10:00:00Z");
        assertEquals(
                expected.toInstant(),
                datetimes.parse("d", "2024-05-01T10:00:00Z").toInstant());
        assertEquals(
                expected.toInstant(),
                datetimes.parse("d", "2024-05-01T05:00:00-05:00").toInstant());
        assertEquals(
                expected.toInstant(),
                datetimes.parse("d", "2024-05-01T12:00:00+0200").toInstant());
        assertEquals(
                expected.toInstant(),
                datetimes.parse("d", "2024-05-01T12:00:00 02:00").toInstant());
        assertEquals(
                expected.toInstant(),
                datetimes.parse("d", "2024-05-01T10:00:00z").toInstant());
        assertEquals(
                Instant.parse("2024-05-01T10:00:00.250Z"),
                datetimes.parse("d", "2024-05-01T10:00:00.25Z").toInstant());
        assertEquals(
                expected.toInstant(),
                datetimes.parse("d", "2024-05-01T05:00:00").toInstant(),
                "zone-less means city time");
        assertEquals(
                Instant.parse("2024-05-01T05:00:00Z"),
                datetimes.parse("d", "2024-05-01").toInstant(),
                "date-only means city midnight");
    }

    @Test
    void rejectsEverythingElseNamingTheParameter() {
        Open311Exception e = assertThrows(Open311Exception.class, () -> datetimes.parse("start_date", "May 1st"));
        assertEquals(400, e.status());
        assertEquals(true, e.errors().get(0).description().startsWith("start_date must be a W3C datetime"));
        assertThrows(Open311Exception.class, () -> datetimes.parse("d", "2024-02-30"));
        assertThrows(Open311Exception.class, () -> datetimes.parse("d", "2024-05-01T10:00:00+25:00"));
    }
}
