package io.github.open311server.events;

/**
 * What a staff view adds to an event: {@code data.staff} with the sequence over all of the request's
 * events (internal ones included), the channel it came in through, the internal note and the submitter's
 * contact data. Joined in when the event is read for a staff view, never stored in the outbox, so personal
 * data lives in one table and its erasure reaches every later delivery.
 */
final class StaffSection {

    /** The payload text as a reader of {@code staffView} sees it; {@code e} is the events row. */
    static String payload(String staffView) {
        return """
                CASE WHEN %s AND e.request_ref IS NOT NULL THEN
                  jsonb_set(e.payload, '{data,staff}', jsonb_strip_nulls(jsonb_build_object(
                    'sequence', e.request_seq,
                    'channel', (SELECT r.channel FROM service_requests r WHERE r.id = e.request_ref),
                    'internal_note', (SELECT h.note FROM request_history h WHERE h.id = e.internal_note_ref),
                    'submitter', (SELECT jsonb_strip_nulls(jsonb_build_object(
                                           'email', m.email, 'phone', m.phone, 'first_name', m.first_name,
                                           'last_name', m.last_name, 'device_id', m.device_id,
                                           'account_id', m.account_id))
                                    FROM request_submitters m WHERE m.request_ref = e.request_ref))))
                ELSE e.payload END::text""".formatted(staffView);
    }

    private StaffSection() {}
}
