package io.github.open311server.notifications;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.config.Open311Config;
import io.github.open311server.events.EventTypes;
import io.github.open311server.events.QueuedMail;

/**
 * Which mail a change causes. Citizens hear of what they can see (a public status change, a public
 * note, the close); never of internal notes or of changes only staff see. Departments hear of new
 * requests and of requests assigned to them. Whether anyone is there to receive it (an address, no
 * opt-out) is decided when the mail is sent.
 */
@ApplicationScoped
public class MailPlan {

    @Inject
    Open311Config config;

    public List<QueuedMail> forChange(String eventType, Map<String, Object> changes, String publicNote) {
        if (!config.mail().enabled()) {
            return List.of();
        }
        List<QueuedMail> mails = new ArrayList<>();
        switch (eventType) {
            case EventTypes.REQUEST_CREATED -> {
                mails.add(queued(MailKind.ACKNOWLEDGEMENT));
                mails.add(queued(MailKind.DEPARTMENT_NEW));
            }
            case EventTypes.REQUEST_STATUS_CHANGED, EventTypes.UPDATE_RECEIVED, EventTypes.REQUEST_MERGED -> {
                if (closes(changes) || eventType.equals(EventTypes.REQUEST_MERGED)) {
                    mails.add(queued(MailKind.CLOSED));
                } else if (changes.containsKey("status") || changes.containsKey("detailed_status")) {
                    mails.add(queued(MailKind.STATUS_CHANGED));
                } else if (publicNote != null) {
                    mails.add(queued(MailKind.NOTE));
                }
            }
            case EventTypes.REQUEST_NOTE_ADDED -> mails.add(queued(MailKind.NOTE));
            default -> {}
        }
        if (changes.containsKey("agency_responsible") && !eventType.equals(EventTypes.REQUEST_CREATED)) {
            mails.add(queued(MailKind.DEPARTMENT_REASSIGNED));
        }
        return mails;
    }

    /** Staff's message to the citizen of a request. */
    public List<QueuedMail> message() {
        return only(MailKind.MESSAGE);
    }

    /** The on-call staff of a request whose priority has an escalation chain, told as it is filed. */
    public List<QueuedMail> onCallAlert() {
        return only(MailKind.ON_CALL_ALERT);
    }

    public List<QueuedMail> escalation() {
        return only(MailKind.ESCALATION);
    }

    public List<QueuedMail> reminder() {
        return only(MailKind.REMINDER);
    }

    private List<QueuedMail> only(MailKind kind) {
        return config.mail().enabled() ? List.of(queued(kind)) : List.of();
    }

    private static boolean closes(Map<String, Object> changes) {
        return changes.get("status") instanceof Map<?, ?> status && "closed".equals(status.get("to"));
    }

    private static QueuedMail queued(MailKind kind) {
        return new QueuedMail(kind.audience(), kind.wireName());
    }
}
