package io.github.open311server.media;

import jakarta.inject.Inject;

import io.quarkus.runtime.QuarkusApplication;

/**
 * {@code scripts/move-media.sh} (java -jar … move-media-to-object-store): moves every photo still held in
 * PostgreSQL to the configured object store, in batches, and exits. Safe to stop and run again, and to run while
 * the servers serve: a photo is readable before, during and after its move.
 */
public class MediaMigrationCommand implements QuarkusApplication {

    public static final String NAME = "move-media-to-object-store";
    /** Photos per transaction: at most 5 MB each, and one in memory at a time. */
    private static final int BATCH = 20;

    @Inject
    MediaStorage storage;

    @Override
    public int run(String... args) {
        if (!storage.usesObjectStore()) {
            System.err.println(NAME + ": set open311.media.storage=s3 and open311.media.s3.* first");
            return 2;
        }
        long moved = 0;
        for (int batch = storage.moveToObjectStore(BATCH); batch > 0; batch = storage.moveToObjectStore(BATCH)) {
            moved += batch;
            System.out.println(NAME + ": " + moved + " photos moved");
        }
        System.out.println(NAME + ": done, " + moved + " photos moved, none left in PostgreSQL");
        return 0;
    }
}
