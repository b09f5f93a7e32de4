package io.github.open311server.staff;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.github.open311server.requests.WorkOrder;

/**
 * A request as staff see it: everything public, plus its version (for updates), the submitter's
 * contact data, the attribute answers and the whole history, internal notes included.
 */
public record StaffRequestView(
        String serviceRequestId,
        String token,
        int version,
        String status,
        String detailedStatus,
        String statusNotes,
        String serviceCode,
        String serviceName,
        String agencyResponsible,
        String serviceNotice,
        String requestedDatetime,
        String updatedDatetime,
        String expectedDatetime,
        String description,
        String address,
        String addressId,
        String zipcode,
        Double lat,
        @JsonProperty("long") Double lon,
        List<String> mediaUrls,
        String duplicateOf,
        WorkOrder workOrder,
        String assignee,
        String priority,
        String channel,
        Escalation escalation,
        Moderation moderation,
        Submitter submitter,
        Map<String, List<String>> attributes,
        List<Entry> history) {

    /**
     * Where the request stands on its escalation chain: when it was acknowledged (the first change by
     * staff or a city system), how many times the supervisors were told, and when they are told next.
     */
    public record Escalation(String acknowledgedDatetime, int level, String nextEscalationDatetime) {}

    /** What moderation did to the public form: hidden or not, and the values before the first redaction (null: none). */
    public record Moderation(boolean hidden, Original original) {}

    /** The description, address and media as the citizen posted them, and who redacted them first, when. */
    public record Original(
            String description, String address, List<String> mediaUrls, String moderatedDatetime, String actor) {}

    public record Submitter(
            String email, String phone, String firstName, String lastName, String deviceId, String accountId) {}

    public record Entry(
            long id,
            String changedAt,
            String actor,
            String action,
            Map<String, Object> changes,
            String note,
            boolean isPublic) {}
}
