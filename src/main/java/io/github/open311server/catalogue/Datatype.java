package io.github.open311server.catalogue;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** The six attribute datatypes of GeoReport v2, written in lower case on the wire. */
public enum Datatype {
    STRING,
    NUMBER,
    DATETIME,
    TEXT,
    SINGLEVALUELIST,
    MULTIVALUELIST;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Datatype fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean isList() {
        return this == SINGLEVALUELIST || this == MULTIVALUELIST;
    }
}
