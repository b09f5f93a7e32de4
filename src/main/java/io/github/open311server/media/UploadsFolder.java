package io.github.open311server.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/**
 * Uploads in flight are written to a folder only the server's user can read (a citizen's photo is
 * personal data), and what a SIGKILL left there is removed at start.
 */
@ApplicationScoped
public class UploadsFolder {

    @ConfigProperty(name = "quarkus.http.body.uploads-directory")
    String directory;

    void prepare(@Observes StartupEvent start) {
        Path folder = Path.of(directory);
        try {
            Files.createDirectories(folder);
            if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            }
            try (Stream<Path> leftovers = Files.list(folder)) {
                for (Path file : leftovers.toList()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the uploads folder " + folder, e);
        }
    }
}
