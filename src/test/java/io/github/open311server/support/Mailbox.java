package io.github.open311server.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/** What the test SMTP server (GreenMail) received, read the way a person reads their mailbox. */
public final class Mailbox {

    private Mailbox() {}

    /** Waits (at most 30 s) for the messages to an address to meet the condition; returns them. */
    public static List<MimeMessage> await(String to, Predicate<List<MimeMessage>> condition) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            List<MimeMessage> mine = to(to);
            if (condition.test(mine)) {
                return mine;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("mail to " + to + " never met the condition; got " + mine.size());
            }
            Thread.sleep(100);
        }
    }

    /** Waits for the first message to an address whose subject contains all the words. */
    public static MimeMessage awaitSubject(String to, String... words) throws Exception {
        Predicate<MimeMessage> matches =
                m -> Arrays.stream(words).allMatch(w -> subject(m).contains(w));
        return await(to, all -> all.stream().anyMatch(matches)).stream()
                .filter(matches)
                .findFirst()
                .orElseThrow();
    }

    /** Every message received so far with the address among its recipients. */
    public static List<MimeMessage> to(String address) throws Exception {
        List<MimeMessage> mine = new ArrayList<>();
        for (MimeMessage m : GreenMailResource.smtp().getReceivedMessages()) {
            if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address))) {
                mine.add(m);
            }
        }
        return mine;
    }

    public static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The part of this MIME type (text/plain, text/html), or null. */
    public static String part(MimeMessage message, String type) throws Exception {
        return part(message.getContent(), message.isMimeType(type), type);
    }

    private static String part(Object content, boolean matches, String type) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                String found = part(part.getContent(), part.isMimeType(type), type);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return matches ? (String) content : null;
    }
}
