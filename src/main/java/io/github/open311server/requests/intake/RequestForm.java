package io.github.open311server.requests.intake;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.open311server.web.FormFields;
import io.github.open311server.web.Texts;

/**
 * The citizen-supplied part of a POST, checked field by field. Fields a client may not set
 * (status, ids, datetimes, agency) are simply not read from the form.
 */
public record RequestForm(
        Double lat,
        Double lon,
        String address,
        String addressId,
        String zipcode,
        String description,
        List<String> mediaUrls,
        String email,
        String phone,
        String firstName,
        String lastName,
        String deviceId,
        String accountId,
        String locale) {

    public static final int MAX_DESCRIPTION = 4000;
    private static final int MAX_ADDRESS = 1000;
    private static final int MAX_SHORT = 255;
    private static final int MAX_URL = 2048;
    private static final int MAX_MEDIA_URLS = 10;
    private static final Pattern DECIMAL = Pattern.compile("^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)$");

    /** Reads and checks the fields; every problem found is added to {@code problems}. */
    public static RequestForm read(FormFields form, List<String> problems) {
        Double lat = coordinate(form.first("lat"), "lat", 90, problems);
        Double lon = coordinate(form.first("long", "lon"), "long", 180, problems);
        boolean hasLat = form.first("lat") != null;
        boolean hasLon = form.first("long", "lon") != null;
        if (hasLat != hasLon) {
            problems.add("lat and long must both be provided");
        }
        String address =
                limited(Texts.clean(form.first("address_string", "address")), "address_string", MAX_ADDRESS, problems);
        String addressId = limited(Texts.clean(form.first("address_id")), "address_id", MAX_SHORT, problems);
        if (!hasLat && !hasLon && address == null && addressId == null) {
            problems.add("A location is required: lat and long, address_string or address_id");
        }
        String description = Texts.clean(form.first("description"));
        if (description != null && description.length() > MAX_DESCRIPTION) {
            problems.add(
                    "description is longer than " + MAX_DESCRIPTION + " characters (" + description.length() + ")");
        }
        return new RequestForm(
                lat,
                lon,
                address,
                addressId,
                limited(Texts.clean(form.first("zipcode")), "zipcode", 32, problems),
                description,
                mediaUrls(form.all("media_url"), problems),
                limited(Texts.clean(form.first("email")), "email", MAX_SHORT, problems),
                limited(Texts.clean(form.first("phone")), "phone", MAX_SHORT, problems),
                limited(Texts.clean(form.first("first_name")), "first_name", MAX_SHORT, problems),
                limited(Texts.clean(form.first("last_name")), "last_name", MAX_SHORT, problems),
                limited(Texts.clean(form.first("device_id", "deviceid")), "device_id", MAX_SHORT, problems),
                limited(Texts.clean(form.first("account_id")), "account_id", MAX_SHORT, problems),
                Texts.clean(form.first("locale")));
    }

    public boolean hasPoint() {
        return lat != null && lon != null;
    }

    private static Double coordinate(String raw, String name, double limit, List<String> problems) {
        if (raw == null) {
            return null;
        }
        String value = raw.strip();
        if (!DECIMAL.matcher(value).matches()) {
            problems.add(name + " must be a decimal number in WGS84 degrees; got '" + raw + "'");
            return null;
        }
        double number = Double.parseDouble(value);
        if (Math.abs(number) > limit) {
            problems.add(name + " must be between -" + (int) limit + " and " + (int) limit + "; got " + value);
            return null;
        }
        return number;
    }

    private static String limited(String value, String name, int max, List<String> problems) {
        if (value != null && value.length() > max) {
            problems.add(name + " is longer than " + max + " characters");
            return null;
        }
        return value;
    }

    /**
     * Media URLs are stored and echoed, never fetched (no server-side request forgery); only
     * absolute http(s) URLs are accepted.
     */
    private static List<String> mediaUrls(List<String> raw, List<String> problems) {
        List<String> urls = new ArrayList<>();
        for (String value : raw) {
            String url = value.strip();
            if (url.length() > MAX_URL) {
                problems.add("media_url is longer than " + MAX_URL + " characters");
                continue;
            }
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    problems.add("media_url must be an absolute http or https URL; got '" + url + "'");
                    continue;
                }
            } catch (URISyntaxException e) {
                problems.add("media_url is not a valid URL; got '" + url + "'");
                continue;
            }
            urls.add(url);
        }
        if (urls.size() > MAX_MEDIA_URLS) {
            problems.add("At most " + MAX_MEDIA_URLS + " media_url values are accepted");
        }
        return urls;
    }
}
