package io.github.open311server.errors;

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

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.github.open311server.format.Format;
import io.github.open311server.format.Renderer;

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
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return render(403, List.of(new Open311Error(403, "This token does not have the role this needs")), uri).build();
    }

    /** A JSON body (staff and admin APIs) that does not parse or does not fit: the caller's error. */
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class, JsonParseException.class})
    public Response badJson(Exception e, UriInfo uri) {
        String detail = e instanceof UnrecognizedPropertyException unknown
                ? "unknown field '" + unknown.getPropertyName() + "'"
                : e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
                        ? "wrong type for '" + mismatch.getPath().get(mismatch.getPath().size() - 1).getFieldName() + "'"
                        : "not valid JSON";
        return render(400, List.of(new Open311Error(400, "The JSON body could not be read: " + detail)), uri).build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return render(404, List.of(new Open311Error(404, "Resource not found: " + uri.getPath())), uri).build();
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow == null) {
            allow = AllowedMethods.forPath(uri.getPath());
        }
        Response.ResponseBuilder builder = render(405,
                List.of(new Open311Error(405, "Method not allowed here" + (allow == null ? "" : "; allowed: " + allow))), uri);
        if (allow != null) {
            builder.header(HttpHeaders.ALLOW, allow);
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed: " + uri.getPath(), e);
            return render(500, List.of(new Open311Error(500, "The server could not answer this request")), uri).build();
        }
        String path = uri == null ? "" : uri.getPath();
        String description = status == 415 && (path.startsWith("/staff/") || path.startsWith("/admin/"))
                ? "Unsupported content type: send application/json" : describe(status);
        return render(status, List.of(new Open311Error(status, description)), uri).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (causedByDatabase(e)) {
            LOG.error("Database unavailable while answering " + uri.getPath(), e);
            return render(503, List.of(new Open311Error(503, "The service is temporarily unavailable; please retry later")), uri)
                    .header("Retry-After", "30").build();
        }
        LOG.error("Unexpected failure answering " + uri.getPath(), e);
        return render(500, List.of(new Open311Error(500, "The server could not answer this request")), uri).build();
    }

    private Response.ResponseBuilder render(int status, List<Open311Error> errors, UriInfo uri) {
        Format format = Format.forErrorsOf(uri == null ? null : uri.getPath());
        return Response.status(status)
                .entity(renderer.bytes(format, new ErrorsDocument(errors)))
                .type(format.mediaType());
    }

    private static boolean causedByDatabase(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getClass().getName().contains("JDBCConnectionException")) {
                return true;
            }
        }
        return false;
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
            default -> Response.Status.fromStatusCode(status) == null ? "Request failed"
                    : Response.Status.fromStatusCode(status).getReasonPhrase();
        };
    }

}
