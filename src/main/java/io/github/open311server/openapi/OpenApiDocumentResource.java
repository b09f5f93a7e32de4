package io.github.open311server.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Serves the authored contract ({@code openapi/open311.yaml}, copied into the jar by the build) byte
 * for byte, instead of the framework's re-serialisation of it, which added an unused security scheme,
 * fixed {@code servers} to one host and port, and dropped the quotes that keep datetime examples strings.
 * JSON on request ({@code Accept: application/json} or {@code ?format=json}), converted from the same bytes.
 */
@Path("/q/openapi")
public class OpenApiDocumentResource {

    private static final String LOCATION = "/META-INF/openapi.yaml";

    private final byte[] yaml = load();
    private final byte[] json = toJson(yaml);

    @GET
    public Response document(@QueryParam("format") String format, @HeaderParam("Accept") String accept) {
        boolean wantsJson = "json".equalsIgnoreCase(format)
                || (format == null
                        && accept != null
                        && accept.contains("application/json")
                        && !accept.contains("yaml"));
        return wantsJson
                ? Response.ok(json).type("application/json; charset=utf-8").build()
                : Response.ok(yaml).type("application/yaml; charset=utf-8").build();
    }

    private static byte[] load() {
        try (InputStream in = OpenApiDocumentResource.class.getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(LOCATION + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] toJson(byte[] yaml) {
        try {
            return new ObjectMapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new YAMLMapper().readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("The OpenAPI document does not parse", e);
        }
    }
}
