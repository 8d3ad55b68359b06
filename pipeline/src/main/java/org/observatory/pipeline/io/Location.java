package org.observatory.pipeline.io;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A place in a storage: the {@link Storage} that reaches it (for the orchestration: locks, {@code CURRENT},
 * listing) and its location in that storage's notation ({@link Storage}). Engines read and write {@link #uri()}.
 */
public record Location(Storage storage, String path) {
    public Location {
        requireNonNull(storage, "storage is null");
        requireNonNull(path, "path is null");
    }

    /** A local directory or file. */
    public static Location local(Path path) {
        return new Location(LocalStorage.INSTANCE, LocalStorage.location(path));
    }

    /** The URI an engine reads and writes: {@code file:/...} for a local path, the URI itself otherwise. */
    public String uri() {
        return storage.uri(path);
    }

    /** A location inside this one ({@code name} may hold several segments separated by {@code /}). */
    public Location resolve(String name) {
        return new Location(storage, storage.resolve(path, name));
    }

    /** Whether this is on the local file system, where {@link #localPath()} answers. */
    public boolean isLocal() {
        return storage instanceof LocalStorage;
    }

    /**
     * The local path.
     *
     * @throws IllegalStateException for a location on other storage
     */
    public Path localPath() {
        if (!isLocal()) {
            throw new IllegalStateException(path + " is not on the local file system");
        }
        return Path.of(path);
    }

    @Override
    public String toString() {
        return path;
    }
}
