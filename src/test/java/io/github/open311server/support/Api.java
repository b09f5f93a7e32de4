package io.github.open311server.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Shorthands for calling the Open311 endpoint the way real clients do. */
public final class Api {

    public static final String V2 = "/open311/v2";
    public static final String KEY = "test-key";
    public static final String XML = "text/xml; charset=utf-8";
    public static final String JSON = "application/json; charset=utf-8";

    private Api() {}

    /** A form post that sends exactly the given pairs, url-encoded as UTF-8 (no charset games). */
    public static RequestSpecification form() {
        return given().config(RestAssuredConfig.config()
                        .encoderConfig(EncoderConfig.encoderConfig()
                                .defaultContentCharset("UTF-8")
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType(ContentType.URLENC.withCharset("UTF-8"));
    }

    /** POST requests.{format} with name/value pairs (repeated names allowed). */
    public static ValidatableResponse post(String format, String... pairs) {
        RequestSpecification spec = form();
        for (int i = 0; i < pairs.length; i += 2) {
            spec = spec.formParam(pairs[i], pairs[i + 1]);
        }
        return spec.when().post(V2 + "/requests." + format).then();
    }

    /** Files a report of a realtime service with the demo key and these pairs; returns its id. */
    public static String file(String serviceCode, String... pairs) {
        String[] all = new String[pairs.length + 4];
        all[0] = "api_key";
        all[1] = KEY;
        all[2] = "service_code";
        all[3] = serviceCode;
        System.arraycopy(pairs, 0, all, 4, pairs.length);
        return post("json", all).statusCode(200).extract().path("[0].service_request_id");
    }

    /** Posts a valid pothole report and returns its id. */
    public static String postPothole(String description) {
        return post(
                        "json",
                        "api_key",
                        KEY,
                        "service_code",
                        "POTHOLE",
                        "lat",
                        "39.7817",
                        "long",
                        "-89.6501",
                        "description",
                        description)
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
    }

    /** Files a pothole with a small PNG photo (and an e-mail address when one is given); returns its id. */
    public static String fileWithPhoto(String email) {
        try {
            ByteArrayOutputStream image = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "png", image);
            var spec = given().multiPart("api_key", KEY)
                    .multiPart("service_code", "POTHOLE")
                    .multiPart("lat", "39.7820")
                    .multiPart("long", "-89.6504")
                    .multiPart("media", "photo.png", image.toByteArray(), "image/png");
            if (email != null) {
                spec = spec.multiPart("email", email);
            }
            return spec.when()
                    .post(V2 + "/requests.json")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("[0].service_request_id");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
