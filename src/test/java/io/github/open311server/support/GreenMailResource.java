package io.github.open311server.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server in the test JVM for every Quarkus test (GreenMail), on a free port the server's
 * mailer is pointed at. Tests reach it through {@link #smtp()}; {@link #restart()} brings it back after
 * a test stopped it to see the relay refuse.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private static volatile GreenMail smtp;
    private static int port;

    public static GreenMail smtp() {
        return smtp;
    }

    public static synchronized void stopRelay() {
        smtp.stop();
    }

    public static synchronized void restart() {
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @Override
    public Map<String, String> start() {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the test SMTP server", e);
        }
        restart();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", String.valueOf(port));
    }

    @Override
    public void stop() {
        if (smtp != null) {
            smtp.stop();
        }
    }
}
