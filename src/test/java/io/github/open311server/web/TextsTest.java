package io.github.open311server.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TextsTest {

    @Test
    void normalisesLineEndingsAndTrims() {
        assertEquals("a\nb\nc", Texts.clean("  a\r\nb\rc \r\n"));
    }

    @Test
    void dropsCharactersXmlCannotCarryButKeepsEmoji() {
        assertEquals("ab😀c", Texts.clean("a\u0000b\u0008😀\uFFFEc\uD800"));
    }

    @Test
    void emptyIsAbsent() {
        assertNull(Texts.clean(" \r\n\t "));
        assertNull(Texts.clean(null));
    }
}
