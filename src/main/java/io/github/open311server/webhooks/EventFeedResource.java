package io.github.open311server.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.clients.ApiClientEntity;
import io.github.open311server.clients.ApiKeys;
import io.github.open311server.events.EventFeed;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.Problems;
import io.github.open311server.web.QueryParams;

/**
 * The event feed, for systems that cannot receive webhooks: the same payloads, read after a cursor.
 * {@code wait} (seconds, at most 25) long-polls: an empty answer comes only when nothing happened in
 * that time. Long polls hold a thread, so only a bounded number wait at once; the rest answer at once.
 */
@Path("/open311/v2")
@ApplicationScoped
public class EventFeedResource {

    private static final int MAX_WAIT_SECONDS = 25;
    private static final int MAX_LIMIT = 500;
    private final Semaphore waiting = new Semaphore(32);

    /** The answer: events oldest first and the cursor to pass as {@code after} next time. */
    public record FeedPage(List<Object> events, String nextAfter) {}

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    ApiKeys apiKeys;

    @Inject
    EventFeed feed;

    @GET
    @Path("events.{format}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response events(
            @PathParam("format") String format,
            @QueryParam("api_key") String apiKey,
            @QueryParam("jurisdiction_id") String jurisdictionId,
            @Context UriInfo uri) {
        if (!format.equals("json")) {
            throw Open311Exception.notFound("The event feed is published as events.json only");
        }
        Jurisdiction jurisdiction = jurisdictions.resolve(jurisdictionId);
        ApiClientEntity client = apiKeys.authorize(apiKey, ApiClientEntity.READ_EVENTS, jurisdiction);
        var params = uri.getQueryParameters();
        Problems problems = new Problems();
        boolean staffView = QueryParams.bool(params, "staff_view", problems);
        int limit = QueryParams.positive(params, "limit", 100, problems);
        int wait = QueryParams.wholeNumber(params, "wait", 0, problems);
        if (limit > MAX_LIMIT) {
            problems.add("limit may not exceed " + MAX_LIMIT);
        }
        if (wait > MAX_WAIT_SECONDS) {
            problems.add("wait may not exceed " + MAX_WAIT_SECONDS + " seconds");
        }
        problems.throwIfAny();
        if (staffView && !client.hasScope(ApiClientEntity.READ_PERSONAL_DATA)) {
            throw Open311Exception.forbidden("staff_view needs an api_key with the read_personal_data scope");
        }
        EventFeed.Cursor after = EventFeed.Cursor.parse(QueryParams.single(params, "after"));
        EventFeed.Page page = feed.after(jurisdiction.id(), after, limit, staffView);
        if (page.events().isEmpty() && wait > 0 && waiting.tryAcquire()) {
            try {
                page = feed.awaitAfter(jurisdiction.id(), after, limit, staffView, TimeUnit.SECONDS.toMillis(wait));
            } finally {
                waiting.release();
            }
        }
        return Response.ok(
                        new FeedPage(new ArrayList<>(page.events()), page.next().encode()))
                .header("Cache-Control", "no-store")
                .build();
    }
}
