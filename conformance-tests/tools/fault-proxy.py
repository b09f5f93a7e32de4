# fault-proxy.py: a deliberately broken Open311 server, to prove the suite catches faults (README, "Testing the suite").
# Forwards to UPSTREAM (default http://localhost:8181) on 127.0.0.1:PORT (default 8282) and injects faults:
# services.json metadata as strings, no XML declaration on requests.xml, status=closed and start_date ignored,
# 200 [] for unknown request ids, <Token> instead of <token>, application/xml content type.
# Usage: python3 tools/fault-proxy.py [UPSTREAM] [PORT]
import http.server, urllib.request, urllib.parse, re, sys
UP = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8181"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 8282
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def go(self):
        u = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qsl(u.query, keep_blank_values=True)
        path = u.path
        if path.endswith("/requests.json") or path.endswith("/requests.xml"):
            q = [(k, v) for (k, v) in q if not (k == "status" and v == "closed") and k != "start_date"]  # ignore filters
        url = UP + path + ("?" + urllib.parse.urlencode(q) if q else "")
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else None
        req = urllib.request.Request(url, data=body, method=self.command)
        for h in ("Content-Type",):
            if self.headers.get(h): req.add_header(h, self.headers[h])
        try:
            r = urllib.request.urlopen(req); status = r.status; hdrs = r.headers; data = r.read()
        except urllib.error.HTTPError as e:
            status = e.code; hdrs = e.headers; data = e.read()
        ct = hdrs.get("Content-Type", "")
        if path.endswith("/services.json"):
            data = data.replace(b'"metadata":false', b'"metadata":"false"')
        if path.endswith("/requests.xml"):
            data = re.sub(rb'^<\?xml[^>]*\?>\s*', b'', data)
        if re.search(r"/requests/CONFORMANCE-NO-SUCH-ID[^/]*\.json$", path) and status == 404:
            status, data = 200, b"[]"
        if "/tokens/" in path and path.endswith(".xml") and status == 200:
            data = data.replace(b"<token>", b"<Token>").replace(b"</token>", b"</Token>")
        if ct.startswith("text/xml"):
            ct = "application/xml"
        self.send_response(status)
        self.send_header("Content-Type", ct)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    do_GET = do_POST = do_PUT = do_DELETE = go
http.server.ThreadingHTTPServer(("127.0.0.1", PORT), H).serve_forever()
