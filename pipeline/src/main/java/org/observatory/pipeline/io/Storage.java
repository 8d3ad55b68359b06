package org.observatory.pipeline.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The file operations of the warehouse and the staging area, on one kind of storage: {@link LocalStorage} (a local
 * file system through {@code java.nio}) or {@link HadoopStorage} (any Hadoop {@code FileSystem}: {@code hdfs:},
 * {@code s3a:}, ...). {@link Locations} chooses one by the URI's scheme. A location is a string in the storage's
 * own notation: an absolute path for the local one, a full URI for Hadoop; {@link #uri} gives the URI an engine
 * reads and writes. Only {@link HadoopStorage} refers to Hadoop types, so a run on local storage never loads them.
 *
 * <p>Operations throw {@link IOException} for the caller to wrap in a message that says what it was doing, with
 * {@link java.nio.file.NoSuchFileException} for a location that does not exist and {@link
 * java.nio.file.FileAlreadyExistsException} where an exclusive creation finds one, whatever the storage.
 */
public interface Storage {
    /** The location of {@code name} (one or more segments separated by {@code /}) inside {@code location}. */
    String resolve(String location, String name);

    /** The URI of a location, as Spark reads and writes it ({@code file:/...}, {@code hdfs://...}). */
    String uri(String location);

    boolean exists(String location) throws IOException;

    boolean isFile(String location) throws IOException;

    boolean isDirectory(String location) throws IOException;

    long size(String location) throws IOException;

    Instant modified(String location) throws IOException;

    /** The entries of a directory, sorted by name; empty when the directory does not exist. */
    List<Entry> list(String directory) throws IOException;

    /** The whole content of a file. */
    byte[] read(String location) throws IOException;

    InputStream open(String location) throws IOException;

    /**
     * A new file, and its parent directories: fails with {@link java.nio.file.FileAlreadyExistsException} when the
     * file exists (an exclusive creation, atomic on a local file system and on HDFS).
     */
    OutputStream create(String location) throws IOException;

    /** Writes a file, replacing what is there; not atomic (use {@link #replace} for files readers poll). */
    void write(String location, byte[] content) throws IOException;

    /**
     * Replaces a small file so that a reader sees the old content or the new, never a part ({@code CURRENT},
     * {@code PUBLISHED}); how depends on the storage ({@link LocalStorage#replace}, {@link HadoopStorage#replace}).
     *
     * @throws org.observatory.schemas.error.ObservatoryException {@code STORAGE_FAILURE} saying where and how to fix
     */
    void replace(String location, byte[] content);

    void createDirectories(String location) throws IOException;

    /**
     * Creates a directory that must not exist yet, atomically against others doing the same.
     *
     * @return false when the location was taken
     */
    boolean claimDirectory(String location) throws IOException;

    /** Gives {@code to} the content of the file {@code from} (same storage), by a hard link where possible. */
    void copyFile(String from, String to) throws IOException;

    /** Moves a file or directory to a location that must not exist ({@link java.nio.file.FileAlreadyExistsException}). */
    void rename(String from, String to) throws IOException;

    /** Removes a file or a directory with everything inside; nothing when it does not exist. */
    void deleteRecursively(String location) throws IOException;

    /**
     * Takes an exclusive lock through the file {@code file} without waiting, recording {@code holder} in it.
     *
     * @return empty when another holds the lock; then the file's content names that holder
     */
    Optional<Lock> tryLock(String file, String holder) throws IOException;

    /**
     * Whether a lock whose holder died is released by itself (a local file lock: the kernel releases it) or stays
     * until someone removes its file (Hadoop: the file is the lock).
     */
    boolean releasesLocksOfDeadHolders();

    /** A lock held through {@link #tryLock}. */
    interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    /** One entry of a directory listing. */
    record Entry(String name, boolean directory, Instant modified) {
        public Entry {
            requireNonNull(name, "name is null");
            requireNonNull(modified, "modified is null");
        }
    }
}
