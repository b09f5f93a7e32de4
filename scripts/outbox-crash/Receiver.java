import com.sun.net.httpserver.HttpServer;
import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiver of scripts/outbox-crash-test.sh and of `make bench`, run as a single-file program
 * (java Receiver.java PORT SECRET LOG [PAUSE_MS]). It verifies each Standard Webhooks signature on its own (no code
 * shared with the server), logs one line per delivery ("event-id sequence service_request_id valid") and answers
 * 200 after a pause (100 ms by default, so that a node killed at a random moment is often in the middle of a
 * delivery; the benchmark passes 0).
 */
public class Receiver {

    private static final Pattern SEQUENCE = Pattern.compile("\"sequence\":(\\d+)");
    private static final Pattern REQUEST = Pattern.compile("\"service_request_id\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] key = Base64.getDecoder().decode(args[1].substring("whsec_".length()));
        PrintWriter log = new PrintWriter(new FileWriter(args[2], StandardCharsets.UTF_8, true), true);
        long pause = args.length > 3 ? Long.parseLong(args[3]) : 100;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            String text = new String(body, StandardCharsets.UTF_8);
            Matcher seq = SEQUENCE.matcher(text);
            Matcher request = REQUEST.matcher(text);
            boolean valid = verifies(key, id, timestamp, body, signature);
            synchronized (log) {
                log.println(id + " " + (seq.find() ? seq.group(1) : "-") + " " + (request.find() ? request.group(1) : "-")
                        + " " + valid);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
    }

    private static boolean verifies(byte[] key, String id, String timestamp, byte[] body, String header) {
        if (id == null || timestamp == null || header == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
            for (String candidate : header.split(" ")) {
                if (candidate.equals(expected)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
