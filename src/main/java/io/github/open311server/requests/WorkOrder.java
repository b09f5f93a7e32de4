package io.github.open311server.requests;

/** The work order a city's crew system opened for a request: which system, its id there, and a link. */
public record WorkOrder(String system, String id, String url) {

    /** The request's work order, or null when none is attached. */
    public static WorkOrder of(ServiceRequestEntity r) {
        return r.workOrderSystem == null ? null : new WorkOrder(r.workOrderSystem, r.workOrderId, r.workOrderUrl);
    }
}
