package io.github.open311server.events;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * One POST to a receiver, on Vert.x's client because it can connect to an address of our choosing
 * while the Host header, SNI and certificate check use the URL's name: the delivery goes to the
 * address {@link OutboundTargets} checked, never to a second DNS answer. No redirects are followed,
 * the whole exchange is bounded by a timeout, and only the start of the answer is read.
 */
final class WebhookSender implements AutoCloseable {

    /** What the receiver answered: its status and the start of its body, for the delivery log. */
    record Answer(int status, String head) {}

    private final HttpClient client;
    private final Duration timeout;
    private final int headBytes;

    WebhookSender(Vertx vertx, Duration connectTimeout, Duration timeout, int headBytes) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setForceSni(true)
                .setVerifyHost(true)
                .setKeepAlive(true)
                .setMaxPoolSize(16));
        this.timeout = timeout;
        this.headBytes = headBytes;
    }

    /** One POST, waited for: the answer, or an IOException naming what failed (the timeout included). */
    Answer post(OutboundTargets.Target target, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        try {
            return send(target, headers, body).get();
        } catch (ExecutionException e) {
            throw (IOException) e.getCause();
        }
    }

    /**
     * Starts one POST without waiting: it completes with the answer, or exceptionally with an IOException
     * when the exchange fails or takes longer than the timeout (the request is then reset). Many can be in
     * flight at once, so a batch of deliveries costs about one exchange, not the sum of them.
     */
    CompletableFuture<Answer> send(OutboundTargets.Target target, Map<String, String> headers, byte[] body) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(target.uri().toString())
                .setFollowRedirects(false)
                .setIdleTimeout(timeout.toMillis());
        options.setServer(SocketAddress.inetSocketAddress(
                options.getPort(), target.address().getHostAddress()));
        headers.forEach(options::putHeader);
        Promise<HttpClientRequest> sent = Promise.promise();
        Future<Answer> exchange = client.request(options).compose(request -> {
            sent.tryComplete(request);
            return request.send(Buffer.buffer(body)).compose(this::head);
        });
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        exchange.toCompletionStage()
                .toCompletableFuture()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((done, failure) -> {
                    if (failure == null) {
                        answer.complete(done);
                    } else if (failure instanceof TimeoutException) {
                        sent.future().onSuccess(HttpClientRequest::reset);
                        answer.completeExceptionally(
                                new IOException("TimeoutException: no answer within " + timeout, failure));
                    } else {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause()
                                : failure;
                        answer.completeExceptionally(
                                new IOException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause));
                    }
                });
        return answer;
    }

    /** Reads at most headBytes of the answer; a receiver that sends more is cut off, never read to its end. */
    private Future<Answer> head(HttpClientResponse response) {
        Promise<Answer> done = Promise.promise();
        Buffer head = Buffer.buffer();
        response.exceptionHandler(done::tryFail);
        response.handler(chunk -> {
            int room = headBytes - head.length();
            head.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
            if (head.length() >= headBytes && done.tryComplete(new Answer(response.statusCode(), loggable(head)))) {
                response.request().reset(); // closes the connection: the rest is not wanted
            }
        });
        response.endHandler(v -> done.tryComplete(new Answer(response.statusCode(), loggable(head))));
        return done.future();
    }

    /** The start of an answer as the delivery log can store it: PostgreSQL text holds no NUL. */
    private static String loggable(Buffer head) {
        return head.toString().replace("\u0000", "");
    }

    @Override
    public void close() {
        client.close();
    }
}
