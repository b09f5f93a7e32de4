package io.github.open311server.requests;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * A {@code <request>} of GET requests; components are declared in the spec's field order. It has no field for the submitter's
 * personal data: what is not here cannot leak. Written by {@link RequestViewWriter}; the annotations name the fields
 * for everything else that reads the record's shape.
 */
@JsonSerialize(using = RequestViewWriter.class)
public record RequestView(
        String serviceRequestId,
        String status,
        String statusNotes,
        String serviceName,
        String serviceCode,
        String description,
        String agencyResponsible,
        String serviceNotice,
        String requestedDatetime,
        String updatedDatetime,
        String expectedDatetime,
        String address,
        String addressId,
        String zipcode,
        BigDecimal lat,
        @JsonProperty("long") BigDecimal lon,
        String mediaUrl,
        ExtendedAttributes extendedAttributes) {

    public RequestView withExtendedAttributes(ExtendedAttributes attributes) {
        return copy(lat, lon, attributes);
    }

    /** The same view without lat and long (absent values are not written). */
    public RequestView withoutPosition() {
        return copy(null, null, extendedAttributes);
    }

    /**
     * Seven decimals (about a centimetre), written plainly: never {@code 1.0E-5} in a document. The value is the
     * double's shortest decimal form rounded half up; two per row of a list, it was a tenth of a list's JVM time
     * (a JFR profile of 1,000-row pages), mostly in {@code Double.toString}. So the rounding is done on the double
     * scaled by 10^7 where that gives the same digits: up to 360 degrees, the shortest form and the product each
     * differ from the exact value by less than 3e-7 of the last digit, which decides the rounding only within 1e-6
     * of a half; there, and beyond 360, the decimal way is taken.
     */
    public static BigDecimal degrees(double value) {
        double scaled = value * 1e7;
        double fraction = Math.abs(scaled - Math.rint(scaled));
        if (!(Math.abs(value) <= 360) || Math.abs(fraction - 0.5) < 1e-6) { // NaN fails the first test too
            return BigDecimal.valueOf(value).setScale(7, RoundingMode.HALF_UP).stripTrailingZeros();
        }
        long units = Math.round(scaled); // half up for positive values; halves never reach here
        int scale = 7;
        while (scale > 0 && units % 10 == 0) {
            units /= 10;
            scale--;
        }
        return BigDecimal.valueOf(units, scale);
    }

    private RequestView copy(BigDecimal newLat, BigDecimal newLon, ExtendedAttributes attributes) {
        return new RequestView(
                serviceRequestId,
                status,
                statusNotes,
                serviceName,
                serviceCode,
                description,
                agencyResponsible,
                serviceNotice,
                requestedDatetime,
                updatedDatetime,
                expectedDatetime,
                address,
                addressId,
                zipcode,
                newLat,
                newLon,
                mediaUrl,
                attributes);
    }
}
