package georeport.conformance.support;

/**
 * Every GeoReport v2 document, with its XML root, the suite's XSD and JSON Schema (see src/main/resources), and the
 * documents of the extensions the opt-in checks judge (docs section 6).
 */
public enum DocKind {
    DISCOVERY("discovery", null, "discovery.xsd", "discovery.json"),
    SERVICES("services", "service", "services.xsd", "services.json"),
    SERVICE_DEFINITION("service_definition", null, "service_definition.xsd", "service-definition.json"),
    REQUESTS("service_requests", "request", "service_requests.xsd", "requests.json"),
    POST_RESPONSE("service_requests", "request", "post_response.xsd", "post-response.json"),
    TOKEN_RESPONSE("service_requests", "request", "token_response.xsd", "token-response.json"),
    ERRORS("errors", "error", "errors.xsd", "errors.json"),
    /** Extension (docs 6.6): GET servicerequestupdates, the mySociety update list. */
    UPDATES("service_request_updates", "request_update", "service_request_updates.xsd", "service-request-updates.json"),
    /** Extension (docs 6.6): the answer to POST servicerequestupdates, one request_update with its update_id. */
    UPDATE_POST_RESPONSE(
            "service_request_updates", "request_update", "update_post_response.xsd", "update-post-response.json"),
    /** Extension (docs 6.9): requests.geojson, an RFC 7946 FeatureCollection (JSON only: no XSD). */
    GEOJSON("FeatureCollection", null, null, "geojson-requests.json");

    /** XML root element name. */
    public final String root;
    /** Child element of a root list (JSON: the root is an array of these), or null when JSON is an object. */
    public final String item;

    public final String xsd;
    public final String jsonSchema;

    DocKind(String root, String item, String xsd, String jsonSchema) {
        this.root = root;
        this.item = item;
        this.xsd = xsd;
        this.jsonSchema = jsonSchema;
    }

    public boolean rootIsList() {
        return item != null;
    }
}
