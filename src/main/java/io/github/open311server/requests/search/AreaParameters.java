package io.github.open311server.requests.search;

import jakarta.ws.rs.core.MultivaluedMap;

import io.github.open311server.requests.search.RequestQuery.BoundingBox;
import io.github.open311server.requests.search.RequestQuery.Circle;
import io.github.open311server.web.Problems;
import io.github.open311server.web.QueryParams;

/** The two area filters real servers converge on: {@code bbox} and {@code lat}/{@code long}/{@code radius}. */
public final class AreaParameters {

    private AreaParameters() {}

    public static BoundingBox bbox(MultivaluedMap<String, String> params, Problems problems) {
        String value = QueryParams.single(params, "bbox");
        if (value == null) {
            return null;
        }
        String[] parts = value.split(",");
        double[] n = new double[parts.length];
        boolean numbers = parts.length == 4;
        for (int i = 0; numbers && i < 4; i++) {
            numbers = QueryParams.isDecimal(parts[i].strip());
            n[i] = numbers ? Double.parseDouble(parts[i].strip()) : 0;
        }
        if (!numbers) {
            problems.add("bbox must be minLon,minLat,maxLon,maxLat in decimal degrees; got '" + value + "'");
            return null;
        }
        if (Math.abs(n[0]) > 180 || Math.abs(n[2]) > 180 || Math.abs(n[1]) > 90 || Math.abs(n[3]) > 90) {
            problems.add("bbox longitudes must be within -180..180 and latitudes within -90..90");
            return null;
        }
        if (n[0] > n[2] || n[1] > n[3]) {
            problems.add("bbox minimum must not exceed its maximum (order: minLon,minLat,maxLon,maxLat)");
            return null;
        }
        return new BoundingBox(n[0], n[1], n[2], n[3]);
    }

    /** A radius search; without {@code radius} the largest allowed one, so a bare point still means "near". */
    public static Circle circle(MultivaluedMap<String, String> params, double maxRadiusMetres, Problems problems) {
        String lat = QueryParams.single(params, "lat");
        String lon = QueryParams.single(params, "long");
        String radius = QueryParams.single(params, "radius");
        if (lat == null && lon == null && radius == null) {
            return null;
        }
        if (lat == null || lon == null) {
            problems.add("lat and long must both be given for a radius search");
            return null;
        }
        Double latValue = QueryParams.decimal("lat", lat, 90, problems);
        Double lonValue = QueryParams.decimal("long", lon, 180, problems);
        Double metres = radius == null
                ? Double.valueOf(maxRadiusMetres)
                : QueryParams.decimal("radius", radius, Double.MAX_VALUE, problems);
        if (metres != null && (metres <= 0 || metres > maxRadiusMetres)) {
            problems.add("radius must be more than 0 and at most " + (int) maxRadiusMetres + " metres; got " + radius);
            return null;
        }
        return latValue == null || lonValue == null || metres == null ? null : new Circle(lonValue, latValue, metres);
    }
}
