package io.github.open311server.notifications;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.Variant;

/**
 * The wording of each mail: a jurisdiction's own template for a kind and locale where it saved one,
 * else the shipped default ({@code mail-templates/<locale>/<kind>.txt}, first line {@code Subject: …}),
 * else the English default. Qute templates; the HTML part is the jurisdiction's own or the shipped
 * layout around the text, escaped as HTML.
 */
@ApplicationScoped
public class MailTemplates {

    /** Locales with shipped defaults; a jurisdiction may add others by saving templates for them. */
    public static final Set<String> SHIPPED = Set.of("en", "es");

    /** A template as written: subject, text body and (optional) HTML body. */
    public record Source(String subject, String text, String html) {}

    public record Rendered(String subject, String text, String html) {}

    @Inject
    Engine engine;

    @Inject
    EntityManager em;

    private final Map<String, Template> parsed = new ConcurrentHashMap<>();
    private final Properties labels = new Properties();
    private final String layout = text("mail-templates/layout.html");

    MailTemplates() {
        try (InputStream in = resource("mail-templates/labels.properties")) {
            labels.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template a mail of this kind in this locale is written with. */
    public Source find(long jurisdictionRef, MailKind kind, String locale) {
        return saved(jurisdictionRef, kind, locale)
                .or(() -> shipped(kind, locale))
                .orElseGet(() -> shipped(kind, "en").orElseThrow());
    }

    /** Whether the jurisdiction writes in this locale (a shipped default or a saved template). */
    public boolean writesIn(long jurisdictionRef, String locale) {
        if (SHIPPED.contains(locale)) {
            return true;
        }
        return ((Number) em.createNativeQuery(
                                        "SELECT count(*) FROM mail_templates WHERE jurisdiction_ref = ?1 AND locale = ?2")
                                .setParameter(1, jurisdictionRef)
                                .setParameter(2, locale)
                                .getSingleResult())
                        .intValue()
                > 0;
    }

    @SuppressWarnings("unchecked")
    private Optional<Source> saved(long jurisdictionRef, MailKind kind, String locale) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT subject, text_body, html_body FROM mail_templates
                         WHERE jurisdiction_ref = ?1 AND kind = ?2 AND locale = ?3""")
                .setParameter(1, jurisdictionRef)
                .setParameter(2, kind.wireName())
                .setParameter(3, locale)
                .getResultList();
        return rows.stream().findFirst().map(r -> new Source((String) r[0], (String) r[1], (String) r[2]));
    }

    public static Optional<Source> shipped(MailKind kind, String locale) {
        InputStream in = resource("mail-templates/" + locale + "/" + kind.wireName() + ".txt");
        if (in == null) {
            return Optional.empty();
        }
        try (in) {
            String file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = file.indexOf('\n');
            String subject = file.substring(0, end).replaceFirst("^Subject: ", "");
            return Optional.of(new Source(subject, file.substring(end + 1).stripLeading(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The detailed status as citizens read it in this locale (the wire name where none is written). */
    public String label(String locale, String key) {
        return labels.getProperty(locale + "." + key, labels.getProperty("en." + key, key));
    }

    public Rendered render(Source source, Map<String, Object> data) {
        String subject = template(source.subject(), false).render(data).strip().replaceAll("\\s+", " ");
        String text = template(source.text(), false).render(data);
        String html = source.html() == null
                ? template(layout, true).render(layoutData(text, data))
                : template(source.html(), true).render(data);
        return new Rendered(subject, text, html);
    }

    /** Why a template cannot be used (it does not parse, or does not render with sample data); empty when it can. */
    public List<String> problems(Source source, Map<String, Object> sample) {
        List<String> problems = new ArrayList<>();
        check("subject", source.subject(), false, sample, problems);
        check("text", source.text(), false, sample, problems);
        if (source.html() != null) {
            check("html", source.html(), true, sample, problems);
        }
        return problems;
    }

    private void check(String part, String content, boolean html, Map<String, Object> sample, List<String> problems) {
        try {
            engine.parse(content, html ? Variant.forContentType(Variant.TEXT_HTML) : null)
                    .render(sample);
        } catch (TemplateException | IllegalArgumentException e) {
            problems.add(part + " does not render: " + e.getMessage());
        }
    }

    private Template template(String content, boolean html) {
        return parsed.computeIfAbsent(
                (html ? "h:" : "t:") + content,
                c -> engine.parse(content, html ? Variant.forContentType(Variant.TEXT_HTML) : null));
    }

    private Map<String, Object> layoutData(String text, Map<String, Object> data) {
        List<List<String>> paragraphs = new ArrayList<>();
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            paragraphs.add(List.of(paragraph.split("\\n")));
        }
        String locale = (String) data.get("locale");
        return Map.of(
                "locale",
                locale,
                "paragraphs",
                paragraphs,
                "photos",
                data.getOrDefault("photos", List.of()),
                "photo_alt",
                label(locale, "photo_alt"));
    }

    private static String text(String name) {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        return Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
    }
}
