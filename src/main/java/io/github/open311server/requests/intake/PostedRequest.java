package io.github.open311server.requests.intake;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * The spec's minimal POST answer: the id for realtime services, a token for batch services,
 * neither for blackbox services. {@code duplicate_candidates} is an extension: open requests of the
 * same service close by, which the reporter may be describing again.
 */
public record PostedRequest(
        String serviceRequestId,
        String token,
        String serviceNotice,
        String accountId,

        @JacksonXmlElementWrapper(localName = "duplicate_candidates") @JacksonXmlProperty(localName = "candidate")
        List<DuplicateCandidate> duplicateCandidates) {

    /** The opt-in duplicate_check answer: candidates offered and nothing filed (blackbox services never offer any). */
    @JsonIgnore
    public boolean isDuplicateHint() {
        return serviceRequestId == null
                && token == null
                && duplicateCandidates != null
                && !duplicateCandidates.isEmpty();
    }

    public record DuplicateCandidate(String serviceRequestId, int distanceMetres, String requestedDatetime) {}
}
