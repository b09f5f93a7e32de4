package io.github.open311server.web;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.sql.SQLException;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpClosedException;

/**
 * Every failure becomes an Open311 error document in the format the path asked for. Descriptions
 * are written for the end user; details of server faults go to the log only, never to the body.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @Inject
    Renderer renderer;

    @ServerExceptionMapper
    public Response open311(Open311Exception e, UriInfo uri) {
        Response.ResponseBuilder builder = render(e.status(), e.errors(), uri);
        e.headers().forEach(builder::header);
        return builder.build();
    }

    /** No token, or one whose signature, issuer or expiry does not check out. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return render(401, List.of(new Open311Error(401, "A valid bearer token is required")), uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return render(403, List.of(new Open311Error(403, "This token does not have the role this needs")), uri)
                .build();
    }

    /** A JSON body (staff and admin APIs) that does not parse or does not fit: the caller's error. */
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class, JsonParseException.class})
    public Response badJson(Exception e, UriInfo uri) {
        String detail = e instanceof InvalidFormatException invalid
                        && invalid.getTargetType() == String.class
                        && invalid.getOriginalMessage().startsWith(JsonRules.MESSAGE)
                ? "'" + fieldOf(invalid) + "' " + JsonRules.MESSAGE
                : e instanceof UnrecognizedPropertyException unknown
                        ? "unknown field '" + unknown.getPropertyName() + "'"
                        : e instanceof MismatchedInputException mismatch
                                        && !mismatch.getPath().isEmpty()
                                ? "wrong type for '"
                                        + mismatch.getPath()
                                                .get(mismatch.getPath().size() - 1)
                                                .getFieldName() + "'"
                                : "not valid JSON";
        return render(400, List.of(new Open311Error(400, "The JSON body could not be read: " + detail)), uri)
                .build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return render(404, List.of(new Open311Error(404, "Resource not found: " + uri.getPath())), uri)
                .build();
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow == null) {
            allow = AllowedMethods.forPath(uri.getPath());
        }
        Response.ResponseBuilder builder = render(
                405,
                List.of(new Open311Error(
                        405, "Method not allowed here" + (allow == null ? "" : "; allowed: " + allow))),
                uri);
        if (allow != null) {
            builder.header(HttpHeaders.ALLOW, allow);
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed: " + loggable(uri), e);
            return render(500, List.of(new Open311Error(500, "The server could not answer this request")), uri)
                    .build();
        }
        String path = uri == null ? "" : uri.getPath();
        String description = status == 415 && Format.isStaffOrAdminApi(path)
                ? "Unsupported content type: send application/json"
                : describe(status);
        return render(status, List.of(new Open311Error(status, description)), uri)
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (causedByDatabase(e)) {
            LOG.error("Database unavailable while answering " + loggable(uri), e);
            return render(
                            503,
                            List.of(new Open311Error(
                                    503, "The service is temporarily unavailable; please retry later")),
                            uri)
                    .header("Retry-After", "30")
                    .build();
        }
        String malformed = malformedBody(e);
        if (malformed != null) {
            return render(400, List.of(new Open311Error(400, malformed)), uri).build();
        }
        if (dataException(e)) {
            // a value PostgreSQL cannot hold (a date beyond its range, a byte it refuses) is the client's error
            return render(
                            400,
                            List.of(new Open311Error(400, "A value in the request is out of range or malformed")),
                            uri)
                    .build();
        }
        if (clientHungUp(e)) {
            // the client closed the connection while its body was read (or the guard closed it): nobody
            // is left to answer, and it is not a fault of the server worth an error line
            LOG.debug("Client closed the connection while sending " + loggable(uri));
            return render(
                            400,
                            List.of(new Open311Error(400, "The connection closed before the body was complete")),
                            uri)
                    .build();
        }
        LOG.error("Unexpected failure answering " + loggable(uri), e);
        return render(500, List.of(new Open311Error(500, "The server could not answer this request")), uri)
                .build();
    }

    private static String fieldOf(MismatchedInputException e) {
        return e.getPath().isEmpty()
                ? "value"
                : String.valueOf(e.getPath().get(e.getPath().size() - 1).getFieldName());
    }

    private Response.ResponseBuilder render(int status, List<Open311Error> errors, UriInfo uri) {
        Format format = Format.forErrorsOf(uri == null ? null : uri.getPath());
        return Response.status(status)
                .entity(renderer.bytes(format, new ErrorsDocument(errors)))
                .type(format.mediaType());
    }

    /** Failures of the framework's body readers that the client's bytes caused, described for the client. */
    private static String malformedBody(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnsupportedEncodingException
                    || t instanceof IllegalCharsetNameException
                    || t instanceof UnsupportedCharsetException) {
                return "A part of the body declares a charset this server does not know";
            }
            if (t instanceof IOException
                    && t.getMessage() != null
                    && t.getMessage().contains("multipart")) {
                return "The multipart body is malformed or ends before its closing boundary";
            }
        }
        return null;
    }

    private static boolean clientHungUp(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    private static boolean dataException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedByDatabase(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t.getClass().getName().contains("JDBCConnectionException")) {
                return true;
            }
        }
        return false;
    }

    /** The path for a log line: control characters escaped, so a path cannot forge a line; never the query (keys). */
    static String loggable(UriInfo uri) {
        String path = uri == null ? "" : uri.getPath();
        StringBuilder out = new StringBuilder(path.length());
        for (char c : path.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    static String describe(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood";
            case 401 -> "Authentication is required";
            case 403 -> "Not allowed";
            case 404 -> "Resource not found";
            case 406 -> "Not acceptable";
            case 413 -> "The request body is too large";
            case 415 -> "Unsupported content type: post application/x-www-form-urlencoded or multipart/form-data";
            default ->
                Response.Status.fromStatusCode(status) == null
                        ? "Request failed"
                        : Response.Status.fromStatusCode(status).getReasonPhrase();
        };
    }
}
