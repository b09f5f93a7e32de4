package io.github.open311server.notifications.api;

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
import io.github.open311server.notifications.OptOuts;
import io.github.open311server.web.FormDecoder;
import io.github.open311server.web.FormFields;
import io.github.open311server.web.HtmlPages;
import io.github.open311server.web.Open311Exception;

/**
 * The unsubscribe link of every citizen mail. GET only shows a page with the choice (mail scanners
 * open links; opening one must not opt anybody out); POST records it: RFC 8058 one-click
 * ({@code List-Unsubscribe=One-Click}, from the mail client) stops mail about that request,
 * {@code scope=all} about every request of the address.
 */
@Path("/mail/v1/unsubscribe")
public class UnsubscribeResource {

    @Inject
    MailTokens tokens;

    @Inject
    OptOuts optOuts;

    @Inject
    Open311Config config;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("token") String token) {
        subject(token);
        String action = "?token=" + token; // a verified token is [0-9a-f.A-Za-z_-] only: nothing to escape
        return HtmlPages.page(
                "Stop mail about your report",
                "<form method=\"post\" action=\"" + action
                        + "\"><input type=\"hidden\" name=\"scope\" value=\"request\">"
                        + "<button>No more mail about this report</button></form>"
                        + "<form method=\"post\" action=\"" + action
                        + "\"><input type=\"hidden\" name=\"scope\" value=\"all\">"
                        + "<button>No more mail about any of my reports</button></form>");
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response unsubscribe(@QueryParam("token") String token, byte[] body) {
        MailTokens.Subject subject = subject(token);
        FormFields form = FormDecoder.decode(body, config.guard().maxFormFields());
        String scope = form.first("scope");
        if (scope != null && !scope.equals("all") && !scope.equals("request")) {
            throw Open311Exception.badRequest("scope must be request or all");
        }
        boolean all = "all".equals(scope);
        OptOuts.Recorded recorded = optOuts.record(subject, all)
                .orElseThrow(() -> Open311Exception.notFound("The report of this link no longer exists"));
        return HtmlPages.page(
                "Unsubscribed",
                all
                        ? "<p>You will get no more mail about your reports.</p>"
                        : "<p>You will get no more mail about report " + HtmlPages.escape(recorded.serviceRequestId())
                                + ".</p>");
    }

    private MailTokens.Subject subject(String token) {
        return tokens.verify(MailTokens.Purpose.UNSUBSCRIBE, token)
                .orElseThrow(() -> Open311Exception.badRequest("token is not a valid unsubscribe token"));
    }
}
