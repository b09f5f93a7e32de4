package io.github.open311server.media;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.github.open311server.web.FormFields.UploadedFile;

/**
 * Photos that come with a request: each is checked once (an image by its bytes, not by what the
 * client claims, at most 5 MB, at most 5 per request), given its id and link before the request is
 * stored, and stored without the metadata that would publish the sender's position and phone.
 */
public final class Photos {

    private static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final int MAX_COUNT = 5;

    /** A photo that passed the checks, with the type its bytes show; its bytes stay in the upload's file. */
    public record Photo(UUID id, String contentType, String fileName, UploadedFile upload) {
        public String link() {
            return MediaLinks.PATH + id;
        }
    }

    private Photos() {}

    /** The acceptable photos of a form; every refusal is added to {@code problems}. */
    public static List<Photo> check(List<UploadedFile> files, List<String> problems) {
        if (files.size() > MAX_COUNT) {
            problems.add("At most " + MAX_COUNT + " media files are accepted");
        }
        List<Photo> photos = new ArrayList<>();
        for (UploadedFile file : files) {
            String claimed =
                    file.contentType() == null ? "" : file.contentType().toLowerCase(Locale.ROOT);
            String detected = ImageTypes.detect(head(file)).orElse(null);
            if (!claimed.startsWith("image/")) {
                problems.add("media file '" + file.fileName() + "' must be an image; got "
                        + (claimed.isEmpty() ? "no type" : claimed));
            } else if (file.size() == 0) {
                problems.add("media file '" + file.fileName() + "' is empty");
            } else if (detected == null) {
                problems.add("media file '" + file.fileName() + "' is not a JPEG, PNG, GIF or WebP image");
            } else if (file.size() > MAX_BYTES) {
                problems.add("media file '" + file.fileName() + "' is larger than 5 MB");
            } else {
                photos.add(new Photo(UUID.randomUUID(), detected, file.fileName(), file));
            }
        }
        return photos;
    }

    /** The bytes that name an image's type. */
    private static byte[] head(UploadedFile file) {
        try {
            return file.head(ImageTypes.MAGIC_LENGTH);
        } catch (IOException e) {
            throw file.unreadable();
        }
    }
}
