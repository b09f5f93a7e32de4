package io.github.open311server.webclient;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.Api;
import io.github.open311server.support.Browser;
import io.github.open311server.support.TestIdentityProvider;
import io.github.open311server.support.TestSigningKeys;

import static io.github.open311server.support.CityApi.ADMIN;
import static io.github.open311server.support.CityApi.STAFF;
import static io.github.open311server.support.CityApi.admin;
import static io.github.open311server.support.CityApi.staff;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web client in a real browser (Debian's headless Chromium): a citizen files a report with every datatype,
 * a pin and a photo, after seeing what is already reported there; follows it; staff find it in the work queue
 * and resolve it with a photo of the fix; the citizen sees that. Each page passes axe-core's WCAG 2.1 AA rules,
 * and its screenshot is written to target/screenshots.
 */
@QuarkusTest
@QuarkusTestResource(TestSigningKeys.class)
@QuarkusTestResource(TestIdentityProvider.class)
class WebClientBrowserTest {

    /** The map centre of the client (open311.web-client.map-centre's default): a report there is "nearby". */
    private static final String CENTRE_LAT = "39.7817";

    private static final String CENTRE_LONG = "-89.6501";

    private static Path photo;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private Browser browser;

    @BeforeAll
    static void makePhoto() throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        image.getGraphics().setColor(Color.DARK_GRAY);
        image.getGraphics().fillRect(8, 8, 40, 20);
        photo = Files.createDirectories(Path.of("target", "browser-uploads")).resolve("graffiti.png");
        ImageIO.write(image, "png", photo.toFile());
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** The staff board signed in with the demo sign-in, its queue filtered by a word of the requests' text. */
    private static void queueOfDemoStaff(Browser b, String word) {
        b.open("/client/staff/");
        b.waitFor("#demo-staff").click();
        filterQueue(b, word);
    }

    private static void filterQueue(Browser b, String word) {
        b.waitFor("#queue-table");
        b.find("#f-q").sendKeys(word);
        b.find("#queue-filters button[type=submit]").click();
    }

    private Browser browser() {
        browser = new Browser("http://localhost:" + port);
        return browser;
    }

    @Test
    void aCitizenReportsStaffResolveAndTheCitizenSeesIt() {
        String description = "Tag on the underpass wall " + System.nanoTime();
        // already reported at the very spot the citizen will pin: the page must show it before and at sending
        String earlierToken = Api.post(
                        "json",
                        "api_key",
                        Api.KEY,
                        "service_code",
                        "GRAF-01",
                        "lat",
                        CENTRE_LAT,
                        "long",
                        CENTRE_LONG,
                        "attribute[SURFACE]",
                        "wall",
                        "description",
                        "Earlier report",
                        "confirm_duplicate",
                        "true")
                .statusCode(200)
                .extract()
                .path("[0].token");
        String earlier = Api.form()
                .when()
                .get(Api.V2 + "/tokens/" + earlierToken + ".json")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
        Browser b = browser();

        b.open("/client/");
        b.waitFor("[data-service=GRAF-01]");
        b.assertAccessible("service picker");
        b.screenshot("1-report-services");
        b.find("#service-search").sendKeys("graffiti");
        assertTrue(b.findAll("[data-service=POTHOLE]").isEmpty(), "the search leaves out what does not match");
        b.find("[data-service=GRAF-01]").click();

        // the form generated from GRAF-01's definition: all six datatypes, the required mark, list values
        b.waitFor("#attr-SURFACE");
        assertEquals("select", b.find("#attr-SURFACE").getTagName());
        assertTrue(b.find("label[for=attr-SURFACE]").getText().contains("*"), "a required answer is marked");
        assertEquals("number", b.find("#attr-AREA_M2").getAttribute("type"));
        assertEquals("datetime-local", b.find("#attr-SEEN_AT").getAttribute("type"));
        assertEquals("text", b.find("#attr-WORDING").getAttribute("type"));
        assertEquals("textarea", b.find("#attr-DETAILS").getTagName());
        assertEquals(
                3,
                b.findAll("fieldset[data-attribute=COLOURS] input[type=checkbox]")
                        .size());
        assertTrue(b.find("#attribute-fields").getText().contains("owner's responsibility"), "a notice is shown");

        new Select(b.find("#attr-SURFACE")).selectByValue("wall");
        b.find("#attr-COLOURS-0").click();
        b.find("#attr-COLOURS-2").click();
        b.find("#attr-AREA_M2").sendKeys("2.5");
        b.script("document.getElementById('attr-SEEN_AT').value = '2026-12-01T07:30'");
        b.find("#attr-WORDING").sendKeys("NO MORE");
        b.find("#attr-DETAILS").sendKeys("Fresh paint");
        b.find("#centre-pin").click();
        b.waitForText("#nearby-list", earlier);
        b.find("#description").sendKeys(description);
        b.find("#photos").sendKeys(photo.toAbsolutePath().toString());
        b.find("#email").sendKeys("citizen.browser@example.org");
        b.assertAccessible("report form");
        b.screenshot("2-report-form");

        b.find("#submit").click();
        b.waitFor("#file-anyway"); // the POST's own duplicate check: nothing filed yet
        b.find("#file-anyway").click();
        b.waitFor("#thanks");
        String token = b.find("#new-token").getText(); // GRAF-01 is a batch service: a receipt first
        b.assertAccessible("report sent");
        b.screenshot("3-report-sent");

        // what the server got is exactly what the form said
        String id = Api.form()
                .when()
                .get(Api.V2 + "/tokens/" + token + ".json")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
        staff().when()
                .get(STAFF + id)
                .then()
                .statusCode(200)
                .body("description", equalTo(description))
                .body("attributes.SURFACE", equalTo(List.of("wall")))
                .body("attributes.COLOURS", hasItems("red", "silver"))
                .body("attributes.WORDING", equalTo(List.of("NO MORE")))
                .body("submitter.email", equalTo("citizen.browser@example.org"))
                .body("media_urls[0]", notNullValue());

        float lat = staff().when().get(STAFF + id).then().extract().path("lat");
        assertEquals(39.7817, lat, 1e-3, "the pin went where the map was");

        // follow it by the receipt
        b.find("#track-link").click();
        b.waitForText("#request-heading", id);
        assertEquals(1, b.findAll("#citizen-photos img").size(), "the citizen's photo is shown");
        b.waitForImages("#citizen-photos img");
        b.assertAccessible("tracking page");
        b.screenshot("4-track-open");

        // staff: demo sign-in, find it in the queue by its text, resolve it with a photo of the fix
        b.open("/client/staff/");
        b.waitFor("#demo-staff");
        b.assertAccessible("staff sign-in");
        b.find("#demo-staff").click();
        filterQueue(b, description.substring(description.lastIndexOf(' ') + 1));
        b.waitFor("tr[data-id='" + id + "'] button.link").click();
        b.waitForText("#detail-heading", id);
        assertTrue(
                b.find("#detail-submitter").getText().contains("citizen.browser@example.org"),
                "staff see contact data");
        b.assertAccessible("staff board with a request open");
        b.screenshot("5-staff-board");
        new Select(b.find("#c-status")).selectByValue("resolved");
        b.find("#c-public").sendKeys("Painted over this morning.");
        b.find("#c-internal").sendKeys("Used the grey paint.");
        b.find("#c-photo").sendKeys(photo.toAbsolutePath().toString());
        b.find("#c-save").click();
        b.waitForText("#detail-heading", "resolved");
        assertTrue(
                b.find("#detail-history").getText().contains("Used the grey paint."),
                "the internal note is in the staff history");

        // the citizen sees the change, the note and the photo of the fix, and not the internal note
        b.open("/client/track.html?id=" + id);
        b.waitForText("#request-heading", "resolved");
        String history = b.find("#history").getText();
        assertTrue(history.contains("Painted over this morning."), history);
        assertFalse(history.contains("grey paint"), "internal notes stay internal: " + history);
        assertEquals(1, b.findAll("#history img").size(), "the photo of the fix is in the history");
        b.waitForImages("#history img");
        b.assertAccessible("tracking page, resolved");
        b.screenshot("6-track-resolved");
    }

    @Test
    void theMapShowsReportsAndTheStaffBoardItsStatisticsAndHotspots() {
        for (int i = 0; i < 3; i++) {
            Api.postPothole("Map pothole " + i);
        }
        Browser b = browser();
        b.open("/client/map.html");
        b.waitForText("#summary", "reports shown");
        int shown = Integer.parseInt(b.find("#summary").getText().split(" ")[0]);
        assertTrue(shown >= 3, "the open reports with a location are on the map: " + shown);
        assertFalse(b.findAll(".leaflet-marker-icon").isEmpty(), "markers or clusters are drawn");
        new Select(b.find("#filter-service")).selectByValue("NOISE");
        b.waitUntil(() -> b.find("#summary").getText().startsWith("0 ")); // a blackbox service publishes nothing
        b.assertAccessible("map of reports");
        b.screenshot("7-map");

        b.open("/client/staff/");
        b.waitFor("#demo-admin").click();
        b.waitFor("#badges li");
        b.find("#tab-stats").click();
        b.waitFor("#statistic tbody tr");
        assertTrue(b.find("#statistic").getText().contains("POTHOLE"), "requests per service");
        b.assertAccessible("statistics and hotspots");
        b.screenshot("8-staff-statistics");
    }

    @Test
    void bulkActionsPreviewThenApplyToTheSelection() {
        String word = "bulkbrowser" + System.nanoTime();
        List<String> ids = List.of(Api.postPothole(word + " one"), Api.postPothole(word + " two"));
        Browser b = browser();
        queueOfDemoStaff(b, word);
        for (String id : ids) {
            b.waitFor("input[data-select='" + id + "']").click();
        }
        b.waitForText("#selected-count", "2");
        b.find("#bulk-value").sendKeys("Crew 7");
        b.find("#bulk-preview").click();
        b.waitForText("#bulk-result", "2 requests would change");
        for (String id : ids) {
            staff().when().get(STAFF + id).then().body("assignee", nullValue());
        }
        b.find("#bulk-confirm").click();
        b.waitForText("#bulk-result", "Applied to 2 requests");
        for (String id : ids) {
            staff().when().get(STAFF + id).then().body("assignee", equalTo("Crew 7"));
        }
    }

    @Test
    void staffAssignAndMergeFromTheRequestView() {
        String word = "mergebrowser" + System.nanoTime();
        String original = Api.postPothole(word + " original");
        String copy = Api.postPothole(word + " copy");
        Browser b = browser();
        queueOfDemoStaff(b, word);
        b.waitFor("tr[data-id='" + original + "'] button.link").click();
        b.waitForText("#detail-heading", original);
        b.find("#a-assignee").sendKeys("Crew 12");
        b.find("#assign button").click();
        b.waitForText("#detail-messages", "assigned to Crew 12");
        staff().when().get(STAFF + original).then().body("assignee", equalTo("Crew 12"));

        b.click("tr[data-id='" + copy + "'] button.link"); // the list re-renders after the assignment
        b.waitForText("#detail-heading", copy);
        b.find("#m-original").sendKeys(original);
        b.find("#merge button").click();
        b.waitForText("#detail-heading", "duplicate");
        staff().when()
                .get(STAFF + copy)
                .then()
                .body("duplicate_of", equalTo(original))
                .body("status", equalTo("closed"));
    }

    @Test
    void theQueueIsReadPageByPage() {
        String word = "pagebrowser" + System.nanoTime();
        for (int i = 0; i < 51; i++) {
            Api.postPothole(word + " " + i);
        }
        Browser b = browser();
        queueOfDemoStaff(b, word);
        b.waitForText("#badges", "all: 51");
        b.waitUntil(() -> b.findAll("#queue-table tbody tr").size() == 50);
        b.waitFor("#more").click();
        b.waitUntil(() -> b.findAll("#queue-table tbody tr").size() == 51);
        b.waitUntil(() -> !b.find("#more").isDisplayed());
    }

    @Test
    void theReportFormFitsAPhone() {
        Browser b = browser();
        b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        b.open("/client/");
        b.waitFor("[data-service=GRAF-01]").click();
        b.waitFor("#attr-SURFACE");
        b.waitUntil(() -> Boolean.TRUE.equals(
                b.script("return document.documentElement.scrollWidth <= document.documentElement.clientWidth")));
        assertTrue(b.find("#pin-map").getSize().getWidth() <= 390, "the map fits the screen");
        b.assertAccessible("report form on a phone");
        b.screenshot("9-report-phone");
    }

    @Test
    void staffSignInThroughTheCitysProviderWithPkce() {
        int before = TestIdentityProvider.VERIFIED_EXCHANGES.get();
        Browser b = browser();
        b.open("/client/staff/");
        b.waitFor("#oidc-sign-in").click();
        b.waitForText("#who", TestIdentityProvider.USER);
        assertEquals(
                before + 1, TestIdentityProvider.VERIFIED_EXCHANGES.get(), "the code was redeemed with its verifier");
        assertFalse(b.driver().getCurrentUrl().contains("code="), "the code is removed from the address bar");
        b.waitFor("#badges li"); // the provider's token works on the staff API
    }

    @Test
    void theCitizenPagesSpeakSpanish() {
        admin().body("""
                        {"service_name": "Grafiti en propiedad pública", "group": "Limpieza",
                         "attributes": {"SURFACE": {"description": "¿Qué está pintado?", "values": {"wall": "Muro o valla"}}}}""")
                .when()
                .put(ADMIN + "/services/GRAF-01/translations/es")
                .then()
                .statusCode(200);
        try {
            Browser b = browser();
            b.open("/client/");
            b.waitFor("#language");
            new Select(b.find("#language")).selectByValue("es");
            b.waitForText("h1", "Reportar un problema");
            assertEquals("es", b.find("html").getAttribute("lang"));
            WebElement graffiti = b.waitFor("[data-service=GRAF-01]");
            assertTrue(graffiti.getText().contains("Grafiti en propiedad pública"), graffiti.getText());
            graffiti.click();
            b.waitForText("label[for=attr-SURFACE]", "¿Qué está pintado?");
            assertTrue(b.find("#attr-SURFACE").getText().contains("Muro o valla"));
            b.assertAccessible("report form in Spanish");
        } finally {
            admin().when().delete(ADMIN + "/services/GRAF-01/translations/es");
        }
    }
}
