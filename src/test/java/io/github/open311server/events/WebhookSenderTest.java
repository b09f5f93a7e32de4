package io.github.open311server.events;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sender against a real HTTP server on loopback. */
class WebhookSenderTest {

    private static Vertx vertx;
    private static HttpServer server;
    private static final CompletableFuture<String> HOST_SEEN = new CompletableFuture<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .requestHandler(request -> {
                    switch (request.path()) {
                        case "/pinned" -> {
                            HOST_SEEN.complete(request.getHeader("Host"));
                            request.response().setStatusCode(204).end();
                        }
                        case "/flood" -> request.response().setChunked(true).write("x".repeat(64 * 1024));
                        case "/nul" -> request.response().end("ok\u0000done");
                        case "/redirect" ->
                            request.response()
                                    .setStatusCode(302)
                                    .putHeader("Location", "http://127.0.0.1:1/elsewhere")
                                    .end();
                        default -> {} // never answers
                    }
                })
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    private static OutboundTargets.Target target(String host, String path) throws Exception {
        return new OutboundTargets.Target(
                URI.create("http://" + host + ":" + server.actualPort() + path),
                InetAddress.getByName("127.0.0.1"),
                null);
    }

    private static WebhookSender sender() {
        return new WebhookSender(vertx, Duration.ofSeconds(1), Duration.ofMillis(800), 16);
    }

    @Test
    void itConnectsToTheCheckedAddressAndNotToWhateverTheNameResolvesToNow() throws Exception {
        // a name that does not resolve at all: the only way to reach the server is the pinned address
        try (WebhookSender sender = sender()) {
            WebhookSender.Answer answer =
                    sender.post(target("receiver.invalid", "/pinned"), Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
            assertEquals(204, answer.status());
        }
        assertEquals("receiver.invalid:" + server.actualPort(), HOST_SEEN.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aFloodingReceiverIsCutOffAfterTheLoggedHead() throws Exception {
        try (WebhookSender sender = sender()) {
            WebhookSender.Answer answer = sender.post(target("127.0.0.1", "/flood"), Map.of(), new byte[0]);
            assertEquals(200, answer.status());
            assertEquals("x".repeat(16), answer.head());
        }
    }

    @Test
    void anAnswerWithANulByteIsLoggedWithoutIt() throws Exception {
        // PostgreSQL text holds no NUL: one such answer must not keep a whole batch from being recorded
        try (WebhookSender sender = sender()) {
            WebhookSender.Answer answer = sender.post(target("127.0.0.1", "/nul"), Map.of(), new byte[0]);
            assertEquals(200, answer.status());
            assertEquals("okdone", answer.head());
        }
    }

    @Test
    void redirectsAreNotFollowedAndSilenceIsATimeout() throws Exception {
        try (WebhookSender sender = sender()) {
            assertEquals(
                    302,
                    sender.post(target("127.0.0.1", "/redirect"), Map.of(), new byte[0])
                            .status());
            IOException silent = assertThrows(
                    IOException.class, () -> sender.post(target("127.0.0.1", "/silent"), Map.of(), new byte[0]));
            assertTrue(silent.getMessage().startsWith("TimeoutException"), silent.getMessage());
        }
    }
}
