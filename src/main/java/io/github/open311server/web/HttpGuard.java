package io.github.open311server.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import io.github.open311server.config.Open311Config;

/**
 * The door every request passes before any of it is decoded: what one anonymous client could use to
 * exhaust memory or threads, or to reach code with bytes no Open311 value may hold, is answered here
 * with an error document in the requested format.
 * <ul>
 * <li>control characters (raw or %-escaped) in the path or query: 400;</li>
 * <li>a body larger than the limit for its type, announced by Content-Length: 413 before it is read;</li>
 * <li>a Content-Type that is a list, or multipart without a usable boundary: 415 or 400;</li>
 * <li>more requests per minute from one address than allowed, across every node: 429 with Retry-After;</li>
 * <li>more bodies in flight from one address than allowed: 429 with Retry-After;</li>
 * <li>a body that arrives too slowly (a slow-body attack) or takes too long: 408 and the connection closed.</li>
 * </ul>
 */
@ApplicationScoped
public class HttpGuard {

    private static final Pattern API_KEY_PARAMETER = Pattern.compile("(^|&)api_key=[^&]");

    @Inject
    Renderer renderer;

    @Inject
    Open311Config config;

    @Inject
    Vertx vertx;

    @Inject
    TrustedProxies proxies;

    @Inject
    SharedCounters counters;

    @Inject
    KeyedReadBudgets keyedReads;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    /** type/subtype, then parameters (RFC 9110 tokens). */
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("\\s*[\\w!#$%&'*+.^`|~-]+/[\\w!#$%&'*+.^`|~-]+\\s*(;.*)?");

    private final Map<String, AtomicInteger> bodiesInFlight = new ConcurrentHashMap<>();

    void install(@Observes Router router) {
        // "Origin: null" comes from sandboxed frames and local files; granting it would grant every one of
        // them. Dropped before the CORS filter sees it, so no Access-Control-Allow-Origin: null is sent.
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            if ("null".equals(ctx.request().getHeader("Origin"))) {
                ctx.request().headers().remove("Origin");
            }
            ctx.next();
        });
        router.route().order(-100).handler(this::check);
        // failures Vert.x-Web raises before any route runs (a path that does not decode, a body over the
        // limit while it streams in) would otherwise be answered with an empty body
        for (int status : new int[] {400, 413, 414, 431}) {
            router.errorHandler(status, ctx -> {
                if (!ctx.response().ended() && !ctx.response().headWritten()) {
                    String invalid = status == 400 ? uriProblem(ctx.request().uri()) : null; // a path that is no URI
                    refuse(ctx, status, invalid != null ? invalid : ErrorMappers.describe(status), status != 400);
                }
            });
        }
    }

    private void check(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (ForbiddenCharacters.inUri(uri)) {
            refuse(ctx, 400, "The path or query holds a control character, which no Open311 value may contain", false);
            return;
        }
        String invalid = uriProblem(uri);
        if (invalid != null) {
            refuse(ctx, 400, invalid, false);
            return;
        }
        if (isKeyedRead(ctx)) {
            checkKeyedRead(ctx);
            return;
        }
        if (overRateLimit(ctx)) {
            return;
        }
        checkBody(ctx);
    }

    /** Size, type, pace and count in flight of a request's body. */
    private void checkBody(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String problem = contentTypeProblem(type);
        if (problem != null) {
            refuse(ctx, problem.startsWith("415") ? 415 : 400, problem.substring(4), hasBody(ctx));
            return;
        }
        if (!hasBody(ctx)) {
            ctx.next();
            return;
        }
        long limit = isForm(type) ? config.guard().maxFormBody().asLongValue() : maxBodySize.asLongValue();
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && tooLarge(length, limit)) {
            refuse(ctx, 413, "The request body is larger than " + describe(limit), true);
            return;
        }
        String address = clientAddress(ctx);
        AtomicInteger count = bodiesInFlight.computeIfAbsent(address, a -> new AtomicInteger());
        if (count.incrementAndGet() > config.guard().bodiesPerAddress()) {
            release(address, count);
            ctx.response().putHeader("Retry-After", "5");
            refuse(ctx, 429, "Too many requests with a body in flight from this address; retry shortly", true);
            return;
        }
        long started = System.nanoTime();
        long declared = declaredLength(length);
        long timer = vertx.setPeriodic(1000, id -> {
            // isEnded() can stay false after the last byte once the REST layer has taken the body over, so
            // a body that is all there by its Content-Length is done too: only its handler is still working
            boolean arrived = declared >= 0 && ctx.request().bytesRead() >= declared;
            if (arrived || ctx.request().isEnded() || ctx.response().ended()) {
                vertx.cancelTimer(id);
                return;
            }
            String slow = tooSlow(ctx.request().bytesRead(), (System.nanoTime() - started) / 1_000_000);
            if (slow != null) {
                vertx.cancelTimer(id);
                refuse(ctx, 408, slow, true);
            }
        });
        ctx.addEndHandler(done -> {
            vertx.cancelTimer(timer);
            release(address, count);
        });
        ctx.next();
    }

    private static long declaredLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Why a body still arriving after this many milliseconds is too slow, or null while it may go on. */
    String tooSlow(long bytesRead, long elapsedMillis) {
        var guard = config.guard();
        if (elapsedMillis >= guard.maxBodyTime().toMillis()) {
            return "The request body did not arrive within "
                    + guard.maxBodyTime().toSeconds() + " s";
        }
        if (elapsedMillis >= guard.bodyTimeout().toMillis()
                && bytesRead * 1000 < guard.minBodyRate().asLongValue() * elapsedMillis) {
            return "The request body arrives too slowly (" + bytesRead + " bytes in " + elapsedMillis / 1000
                    + " s; at least " + guard.minBodyRate().asLongValue() + " bytes per second are needed)";
        }
        return null;
    }

    private void release(String address, AtomicInteger count) {
        if (count.decrementAndGet() <= 0) {
            bodiesInFlight.remove(address, count);
        }
    }

    private static boolean hasBody(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    private static boolean isForm(String type) {
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** "415 ..." or "400 ..." for a Content-Type no parser should see, else null. */
    static String contentTypeProblem(String type) {
        if (type == null) {
            return null;
        }
        if (type.indexOf(',') >= 0) {
            return "415 Send exactly one Content-Type, not a list";
        }
        if (!MEDIA_TYPE.matcher(type).matches()) {
            return "415 The Content-Type is not a media type such as application/x-www-form-urlencoded";
        }
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.startsWith("multipart/")) {
            String boundary = mediaTypeParameter(type, "boundary");
            if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
                return "400 A multipart body needs a boundary of 1 to 70 characters in its Content-Type";
            }
        }
        return null;
    }

    /** A parameter of a media type, unquoted; null when absent or when its quotes do not close. */
    public static String mediaTypeParameter(String type, String name) {
        for (String part : type.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String value = part.substring(eq + 1).trim();
                if (value.startsWith("\"")) {
                    return value.length() >= 2 && value.endsWith("\"") ? value.substring(1, value.length() - 1) : null;
                }
                return value;
            }
        }
        return null;
    }

    /**
     * Requests per minute from one address, reads and writes apart, counted across every node; the city's own
     * staff and admin APIs and the server's own endpoints ({@code /q/}: health, metrics) are not limited here.
     */
    private boolean overRateLimit(RoutingContext ctx) {
        var limits = config.rateLimits();
        String path = ctx.request().path();
        if (!limits.enabled() || !isRateLimited(path)) {
            return false;
        }
        HttpMethod method = ctx.request().method();
        boolean read = isRead(method.name());
        long wait = counters.hit(
                (read ? "address:read:" : "address:write:") + clientAddress(ctx),
                read ? limits.getsPerAddressPerMinute() : limits.postsPerAddressPerMinute());
        if (wait == 0) {
            return false;
        }
        ctx.response().putHeader("Retry-After", String.valueOf(wait));
        refuse(
                ctx,
                429,
                "Too many " + (read ? "reads" : "writes") + " from this address this minute; retry in " + wait + " s",
                hasBody(ctx));
        return true;
    }

    /** Paths whose requests count against the rate limits: the public APIs and the web client. */
    private static boolean isRateLimited(String path) {
        return path != null && !path.startsWith("/q/") && !Format.isStaffOrAdminApi(path);
    }

    private static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    /** A read of the public API that names an {@code api_key}: counted against the key when the key is live. */
    private boolean isKeyedRead(RoutingContext ctx) {
        String query = ctx.request().query();
        return config.rateLimits().enabled()
                && isRead(ctx.request().method().name())
                && isRateLimited(ctx.request().path())
                && query != null
                && API_KEY_PARAMETER.matcher(query).find();
    }

    /**
     * A partner's back end reads for many citizens from one address: its GETs count against the budget the city
     * gave its key, not its address's. A key this node does not know yet (a new node, a made-up key) counts its
     * read against the address, and is looked up off the event loop before the read goes on, so its next reads
     * count against the key: a stream of made-up keys costs one lookup per read the address may make.
     */
    private void checkKeyedRead(RoutingContext ctx) {
        String key;
        try {
            key = ctx.request().getParam("api_key");
        } catch (RuntimeException undecodable) { // a query Vert.x cannot decode: the REST layer answers it
            key = null;
        }
        Optional<KeyedReadBudgets.Budget> budget = key == null ? Optional.empty() : keyedReads.known(key);
        if (budget.isPresent()) {
            long wait = counters.hit(budget.get().bucket(), budget.get().perMinute());
            if (wait == 0) {
                checkBody(ctx);
                return;
            }
            ctx.response().putHeader("Retry-After", String.valueOf(wait));
            refuse(
                    ctx,
                    429,
                    "This api_key has made its " + budget.get().perMinute() + " reads of this minute; retry in " + wait
                            + " s",
                    hasBody(ctx));
            return;
        }
        if (overRateLimit(ctx)) {
            return;
        }
        if (key == null) {
            checkBody(ctx);
            return;
        }
        String unknown = key;
        ctx.request().pause();
        vertx.executeBlocking(
                        () -> {
                            keyedReads.learn(unknown);
                            return null;
                        },
                        false)
                .onComplete(learnt -> {
                    ctx.request().resume();
                    checkBody(ctx);
                });
    }

    /** The peer's address; requests from one host share a budget. */
    private String clientAddress(RoutingContext ctx) {
        return proxies.clientAddress(ctx.request());
    }

    private void refuse(RoutingContext ctx, int status, String description, boolean closeAfter) {
        Format format = Format.forErrorsOf(ctx.request().path()); // raw: a path that does not decode still has a suffix
        byte[] body = renderer.bytes(format, new ErrorsDocument(List.of(new Open311Error(status, description))));
        var response = ctx.response().setStatusCode(status).putHeader("Content-Type", format.mediaType());
        if (closeAfter) {
            // the unread rest of the body is not wanted; closing is the only way to stop it
            response.putHeader("Connection", "close");
        }
        response.end(Buffer.buffer(body)).onComplete(done -> {
            if (closeAfter) {
                ctx.request().connection().close();
            }
        });
    }

    /**
     * Why a request target is not a URI, or null when it is one. Quarkus runs the same check before any route and
     * answers an empty 400; {@code Open311Server} turns that off ({@code vertx.disableURIValidation}) so that this
     * door answers instead, with an error document ({@code ?q=%zz}, a raw {@code |} or {@code "} in a query).
     */
    static String uriProblem(String uri) {
        try {
            new URI(uri);
            return null;
        } catch (URISyntaxException e) {
            return "The request target is not a valid URI (" + e.getReason() + " at position " + (e.getIndex() + 1)
                    + "): send % itself as %25, and characters such as | \\ ^ ` \" < > { } and spaces as %-escapes";
        }
    }

    private static boolean tooLarge(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer rejects a malformed length itself
        }
    }

    private static String describe(long bytes) {
        return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " KB";
    }
}
