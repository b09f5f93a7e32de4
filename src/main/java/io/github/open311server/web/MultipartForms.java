package io.github.open311server.web;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;

import org.jboss.resteasy.reactive.server.multipart.FileItem;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

/** A multipart body as form fields and uploaded files, read by the same text rules as a url-encoded form. */
public final class MultipartForms {

    private MultipartForms() {}

    public static FormFields read(MultipartFormDataInput body) {
        FormFields form = new FormFields();
        for (Map.Entry<String, Collection<FormValue>> field : body.getValues().entrySet()) {
            for (FormValue value : field.getValue()) {
                if (value.isFileItem()) {
                    form.addFile(upload(field.getKey(), value));
                } else {
                    form.add(field.getKey(), MultipartText.of(field.getKey(), value));
                }
            }
        }
        return form;
    }

    private static FormFields.UploadedFile upload(String field, FormValue value) {
        try {
            FileItem file = value.getFileItem();
            String type = value.getHeaders().getFirst("Content-Type");
            return new FormFields.UploadedFile(
                    field, value.getFileName(), type, file.getFileSize(), file::getInputStream);
        } catch (IOException e) {
            throw FormFields.UploadedFile.unreadable(value.getFileName());
        }
    }
}
