package io.github.open311server.surveys.api;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.github.open311server.config.Open311Config;
import io.github.open311server.notifications.MailTokens;
import io.github.open311server.surveys.SurveyAnswers;
import io.github.open311server.web.FormDecoder;
import io.github.open311server.web.FormFields;
import io.github.open311server.web.HtmlPages;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.Problems;

/**
 * The survey link of the closing mail: a page with three questions (GET changes nothing), and the
 * answer (POST, form fields {@code satisfaction} 1-5, {@code fixed} yes/no, {@code comment}), which
 * an app may also send directly. No account: the signed token names the request and the address.
 */
@Path("/mail/v1/survey")
public class SurveyResource {

    @Inject
    MailTokens tokens;

    @Inject
    SurveyAnswers answers;

    @Inject
    Open311Config config;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("token") String token) {
        subject(token);
        StringBuilder form = new StringBuilder("<form method=\"post\" action=\"?token=" + token + "\">");
        form.append("<fieldset><legend>How satisfied are you with how we handled it?</legend>");
        for (int i = 1; i <= 5; i++) {
            form.append("<label><input type=\"radio\" name=\"satisfaction\" value=\"")
                    .append(i)
                    .append("\"> ")
                    .append(i)
                    .append(i == 1 ? " (not at all)" : i == 5 ? " (very)" : "")
                    .append("</label> ");
        }
        form.append("</fieldset><fieldset><legend>Is it fixed?</legend>")
                .append("<label><input type=\"radio\" name=\"fixed\" value=\"yes\"> Yes</label> ")
                .append("<label><input type=\"radio\" name=\"fixed\" value=\"no\"> No</label></fieldset>")
                .append("<p><label for=\"comment\">Anything else?</label><br>")
                .append("<textarea id=\"comment\" name=\"comment\" rows=\"4\" cols=\"40\" maxlength=\"")
                .append(SurveyAnswers.MAX_COMMENT)
                .append("\"></textarea></p><button>Send</button></form>");
        return HtmlPages.page("How did we do?", form.toString());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response answer(@QueryParam("token") String token, byte[] body) {
        MailTokens.Subject subject = subject(token);
        FormFields form = FormDecoder.decode(body, config.guard().maxFormFields());
        Problems problems = new Problems();
        Integer satisfaction = null;
        String s = form.first("satisfaction");
        if (s != null && !s.isBlank()) {
            if (!s.strip().matches("[1-5]")) {
                problems.add("satisfaction must be a whole number from 1 to 5");
            } else {
                satisfaction = Integer.valueOf(s.strip());
            }
        }
        Boolean fixed = null;
        String f = form.first("fixed");
        if (f != null && !f.isBlank()) {
            switch (f.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "yes", "true" -> fixed = true;
                case "no", "false" -> fixed = false;
                default -> problems.add("fixed must be yes or no");
            }
        }
        String comment = form.first("comment");
        if (comment != null && comment.length() > SurveyAnswers.MAX_COMMENT) {
            problems.add("comment is longer than " + SurveyAnswers.MAX_COMMENT + " characters");
        }
        if (satisfaction == null && fixed == null && problems.isEmpty()) {
            problems.add("Answer at least one question: satisfaction (1-5) or fixed (yes/no)");
        }
        problems.throwIfAny();
        SurveyAnswers.Recorded recorded = answers.record(
                        subject, new SurveyAnswers.Answer(satisfaction, fixed, comment))
                .orElseThrow(() -> Open311Exception.notFound("The report of this link no longer exists"));
        return HtmlPages.page(
                "Thank you",
                recorded.reopened()
                        ? "<p>We have reopened report " + HtmlPages.escape(recorded.serviceRequestId()) + ".</p>"
                        : "<p>Your answer about report " + HtmlPages.escape(recorded.serviceRequestId())
                                + " was saved.</p>");
    }

    private MailTokens.Subject subject(String token) {
        return tokens.verify(MailTokens.Purpose.SURVEY, token)
                .orElseThrow(() -> Open311Exception.badRequest("token is not a valid survey token"));
    }
}
