package io.github.open311server.requests;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A {@code <request>} of GET requests; components are declared in the spec's field order. It has no field for the submitter's
 * personal data: what is not here cannot leak.
 */
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

    /** Seven decimals (about a centimetre), written plainly: never {@code 1.0E-5} in a document. */
    public static BigDecimal degrees(double value) {
        return BigDecimal.valueOf(value).setScale(7, RoundingMode.HALF_UP).stripTrailingZeros();
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
