package georeport.conformance.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A plain HTTP/1.1 client (java.net.http) that sends exactly the bytes a check asks for: no hidden re-encoding of
 * form names, brackets or charsets. Every response keeps its request, so a failing check can say what it sent.
 */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private Http() {}

    /** One HTTP exchange. */
    public record Response(
            String method,
            String url,
            String requestContentType,
            String requestSummary,
            int status,
            HttpHeaders headers,
            byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String contentType() {
            return headers.firstValue("content-type").orElse("");
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** "POST url [form: ...] -> 400 text/xml: <body>" for failure messages. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(method).append(' ').append(url);
            if (requestSummary != null && !requestSummary.isEmpty()) {
                sb.append(" [")
                        .append(
                                requestContentType == null
                                        ? "body"
                                        : requestContentType.split(";")[0])
                        .append(": ")
                        .append(snippet(requestSummary, 300))
                        .append(']');
            }
            sb.append(" -> ").append(status).append(' ').append(contentType());
            String t = text().strip();
            if (!t.isEmpty()) {
                sb.append(": ").append(snippet(t, 400));
            }
            return sb.toString();
        }

        public String request() {
            return method + " " + url
                    + (requestSummary == null || requestSummary.isEmpty()
                            ? ""
                            : " [" + snippet(requestSummary, 300) + "]");
        }
    }

    public static String snippet(String s, int max) {
        String one = s.replace("\r", "").replace("\n", "\\n");
        return one.length() <= max ? one : one.substring(0, max) + "…(" + s.length() + " chars)";
    }

    public static Response send(
            String method, String url, String contentType, byte[] body, String summary, String... headers) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(Config.get().timeoutSeconds));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(method, url, contentType, summary, r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(method + " " + url + " interrupted", e);
        }
    }

    public static Response get(String url) {
        return send("GET", url, null, null, null);
    }

    /** Percent-encoding for query strings and form bodies (UTF-8, space as %20). */
    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Percent-encoding of one path segment. */
    public static String seg(String s) {
        return enc(s);
    }

    /** multipart/form-data body. */
    public static final class Multipart {
        private final String boundary = "conformance-" + UUID.randomUUID();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final List<String> summary = new ArrayList<>();

        public Multipart field(String name, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
            write(value);
            write("\r\n");
            summary.add(name + "=" + (name.equals("api_key") && !value.isEmpty() ? "***" : value));
            return this;
        }

        public Multipart file(String name, String filename, String type, byte[] data) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                    + "\"\r\nContent-Type: " + type + "\r\n\r\n");
            out.writeBytes(data);
            write("\r\n");
            summary.add(name + "=<" + filename + ", " + type + ", " + data.length + " bytes>");
            return this;
        }

        public Multipart fields(Form form) {
            for (String[] p : form.pairs()) {
                field(p[0], p[1]);
            }
            return this;
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }

        public String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        public byte[] body() {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            copy.writeBytes(out.toByteArray());
            copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return copy.toByteArray();
        }

        public String summary() {
            return String.join("&", summary);
        }
    }
}
