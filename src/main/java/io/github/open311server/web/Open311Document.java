package io.github.open311server.web;

/**
 * A wire document. In XML it is written as itself (the record carries its root and element names);
 * in JSON, the spec's mechanical mapping drops the root element, so a list document becomes a bare array.
 */
public interface Open311Document {

    /** What the JSON representation serialises: the document itself, or its list for list documents. */
    default Object json() {
        return this;
    }
}
