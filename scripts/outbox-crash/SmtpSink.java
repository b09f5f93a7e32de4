import java.io.BufferedReader;
import java.io.FileWriter;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The SMTP server of scripts/outbox-crash-test.sh, run as a single-file program (java SmtpSink.java PORT LOG): a real
 * SMTP dialogue (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) outside the server's JVM, so that killing a node cannot
 * touch it. Every accepted message adds one line to LOG: the value of its X-Open311-Mail-Id header (the mail job).
 */
public class SmtpSink {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        PrintWriter log = new PrintWriter(new FileWriter(args[1], StandardCharsets.UTF_8, true), true);
        ExecutorService sessions = Executors.newFixedThreadPool(16);
        try (ServerSocket server = new ServerSocket(port, 64, InetAddress.getLoopbackAddress())) {
            while (true) {
                Socket client = server.accept();
                sessions.submit(() -> session(client, log));
            }
        }
    }

    private static void session(Socket client, PrintWriter log) {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = client.getOutputStream();
            reply(out, "220 sink ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO" -> reply(out, "250-sink\r\n250 8BITMIME");
                    case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        String id = "-";
                        boolean headers = true;
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            if (line.isEmpty()) {
                                headers = false;
                            } else if (headers && line.toLowerCase(Locale.ROOT).startsWith("x-open311-mail-id:")) {
                                id = line.substring(line.indexOf(':') + 1).strip();
                            }
                        }
                        synchronized (log) {
                            log.println(id);
                        }
                        reply(out, "250 queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (Exception e) {
            // a client that went away mid-session (a killed node): its message was not accepted
        }
    }

    private static void reply(OutputStream out, String text) throws java.io.IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
