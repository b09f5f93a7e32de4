package io.github.open311server.notifications;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The mails the server writes; each has a shipped default template per locale. */
public enum MailKind {
    /** To the citizen: the request was received, its id, what happens next, where to follow it. */
    ACKNOWLEDGEMENT(MailKind.CITIZEN),
    /** To the citizen: its detailed status moved (still open). */
    STATUS_CHANGED(MailKind.CITIZEN),
    /** To the citizen: staff wrote a public note. */
    NOTE(MailKind.CITIZEN),
    /** To the citizen: the request was closed (fixed, closed without action, a duplicate ...). */
    CLOSED(MailKind.CITIZEN),
    /** To the department: a new request in its area or service, with everything staff need. */
    DEPARTMENT_NEW(MailKind.DEPARTMENT),
    /** To the department: a request was assigned to it. */
    DEPARTMENT_REASSIGNED(MailKind.DEPARTMENT),
    /** To the citizen: staff's own words about the request (public or private in its history). */
    MESSAGE(MailKind.CITIZEN),
    /** To the agency's on-call staff, at once: a request whose priority has an escalation chain. */
    ON_CALL_ALERT(MailKind.ON_CALL),
    /** To the supervisors: nobody acknowledged such a request within the chain's limit. */
    ESCALATION(MailKind.SUPERVISOR),
    /** To the department: a request still received after the city's hours, or past its expected datetime. */
    REMINDER(MailKind.DEPARTMENT);

    public static final String CITIZEN = "citizen";
    public static final String DEPARTMENT = "department";
    public static final String ON_CALL = "on_call";
    public static final String SUPERVISOR = "supervisor";

    private final String audience;

    MailKind(String audience) {
        this.audience = audience;
    }

    public String audience() {
        return audience;
    }

    /** An alarm for the city's own people (on-call staff, supervisors): marked urgent for their mail clients. */
    public boolean isAlert() {
        return audience.equals(ON_CALL) || audience.equals(SUPERVISOR);
    }

    /** The name in the database and the API, e.g. {@code status_changed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MailKind> of(String wireName) {
        return Arrays.stream(values())
                .filter(k -> k.wireName().equals(wireName))
                .findFirst();
    }
}
