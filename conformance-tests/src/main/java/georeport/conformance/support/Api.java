package georeport.conformance.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds calls relative to the endpoint base URL. The configured jurisdiction_id is added to every call (query string
 * for GET, form body for POST) unless a check says otherwise.
 */
public final class Api {

    private Api() {}

    /** A call to {base}/{path}; path already carries its suffix, e.g. "services.xml", "requests/ID.json". */
    public static Call get(String path) {
        return new Call("GET", Config.server().base + "/" + path);
    }

    public static Call call(String method, String path) {
        return new Call(method, Config.server().base + "/" + path);
    }

    /** A call to an absolute URL (discovery lives outside the endpoint). */
    public static Call url(String method, String absoluteUrl) {
        return new Call(method, absoluteUrl);
    }

    public static final class Call {
        private final String method;
        private final String url;
        private final List<String[]> query = new ArrayList<>();
        private final List<String> headers = new ArrayList<>();
        private boolean addJurisdiction = true;

        private Call(String method, String url) {
            this.method = method;
            this.url = url;
        }

        /** Adds ?name=value; null values are skipped, "" is sent as "name=". */
        public Call param(String name, String value) {
            if (value != null) {
                query.add(new String[] {name, value});
            }
            if (name.equals("jurisdiction_id")) {
                addJurisdiction = false;
            }
            return this;
        }

        public Call noJurisdiction() {
            addJurisdiction = false;
            return this;
        }

        public Call header(String name, String value) {
            headers.add(name);
            headers.add(value);
            return this;
        }

        public String fullUrl() {
            List<String[]> q = new ArrayList<>(query);
            String j = Config.get().jurisdiction;
            if (addJurisdiction && j != null && method.equals("GET")) {
                q.add(new String[] {"jurisdiction_id", j});
            }
            StringBuilder sb = new StringBuilder(url);
            char sep = url.contains("?") ? '&' : '?';
            for (String[] p : q) {
                sb.append(sep).append(Http.enc(p[0])).append('=').append(Http.enc(p[1]));
                sep = '&';
            }
            return sb.toString();
        }

        /** Sends without a body (GET, DELETE, ...). */
        public Http.Response send() {
            return Http.send(method, fullUrl(), null, null, null, headers.toArray(String[]::new));
        }

        private Form withJurisdiction(Form form) {
            String j = Config.get().jurisdiction;
            if (addJurisdiction && j != null && !form.has("jurisdiction_id")) {
                return form.copy().add("jurisdiction_id", j);
            }
            return form;
        }

        /** application/x-www-form-urlencoded; charset=utf-8 with percent-encoded names. */
        public Http.Response form(Form form) {
            Form f = withJurisdiction(form);
            return Http.send(
                    method,
                    fullUrl(),
                    "application/x-www-form-urlencoded; charset=utf-8",
                    f.encoded(),
                    f.summary(),
                    headers.toArray(String[]::new));
        }

        /** Form body with a chosen Content-Type header and literal or encoded brackets. */
        public Http.Response form(Form form, String contentType, boolean literalBrackets) {
            Form f = withJurisdiction(form);
            return Http.send(
                    method,
                    fullUrl(),
                    contentType,
                    literalBrackets ? f.encodedLiteralBrackets() : f.encoded(),
                    f.summary(),
                    headers.toArray(String[]::new));
        }

        public Http.Response multipart(Http.Multipart mp) {
            String j = Config.get().jurisdiction;
            if (addJurisdiction && j != null) {
                mp.field("jurisdiction_id", j);
            }
            return Http.send(
                    method, fullUrl(), mp.contentType(), mp.body(), mp.summary(), headers.toArray(String[]::new));
        }

        public Http.Response raw(String contentType, String body) {
            return Http.send(
                    method,
                    fullUrl(),
                    contentType,
                    body.getBytes(StandardCharsets.UTF_8),
                    body,
                    headers.toArray(String[]::new));
        }
    }
}
