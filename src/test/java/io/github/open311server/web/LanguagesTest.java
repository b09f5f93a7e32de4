package io.github.open311server.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LanguagesTest {

    @Test
    void theParameterWinsThenTheFirstAcceptedLanguageAndNonsenseCountsAsNotAsked() {
        assertEquals("es", Languages.of("es-MX", "fr"));
        assertEquals("es", Languages.of("es_MX", null));
        assertEquals("fr", Languages.of(null, "fr-CA;q=0.9, en;q=0.8"));
        assertEquals("en", Languages.of("", "de;q=0.1, en;q=0.9"), "by weight, not by position");
        assertNull(Languages.of("<script>", "*"));
        assertNull(Languages.of(null, "en;q=banana"));
        assertNull(Languages.of("x".repeat(40), null));
    }
}
