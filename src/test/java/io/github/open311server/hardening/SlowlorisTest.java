package io.github.open311server.hardening;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;

/**
 * A slowloris: 200 connections that each send the start of a request and then only a header line now and then.
 * The HTTP layer reads them without a thread each, so while they hang on, other clients are served as usual.
 */
@QuarkusTest
class SlowlorisTest {

    private static final int CONNECTIONS = 200;

    @Test
    void twoHundredHalfOpenRequestsDoNotStarveOtherClients() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.getOutputStream()
                        .write(("GET /open311/v2/services.json HTTP/1.1\r\nHost: localhost\r\nX-Slow-" + i + ": a\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                sockets.add(socket);
            }
            for (int round = 0; round < 3; round++) {
                for (Socket socket : sockets) {
                    trickle(socket.getOutputStream(), round); // still sending, never finishing
                }
                for (int i = 0; i < 10; i++) {
                    given().when().get("/open311/v2/services.json").then().statusCode(200);
                    given().when().get("/open311/v2/requests.xml").then().statusCode(200);
                }
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void trickle(OutputStream out, int round) throws IOException {
        out.write(("X-More-" + round + ": b\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
