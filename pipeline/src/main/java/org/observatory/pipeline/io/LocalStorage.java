package org.observatory.pipeline.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A local file system through {@code java.nio} (and nothing of Hadoop): locations are absolute paths. {@code
 * CURRENT} is replaced by an atomic move ({@link AtomicFiles}), the warehouse lock is an operating-system file lock
 * that the kernel releases when its process ends, a snapshot is claimed by creating its directory, and a carried-over
 * file is a hard link (a copy where the file system cannot link).
 */
public final class LocalStorage implements Storage {
    /** The one instance: it holds no state. */
    public static final LocalStorage INSTANCE = new LocalStorage();

    private LocalStorage() {}

    /** The location of a local path: its absolute, normalised form. */
    public static String location(Path path) {
        return requireNonNull(path, "path is null").toAbsolutePath().normalize().toString();
    }

    private static Path path(String location) {
        return Path.of(requireNonNull(location, "location is null"));
    }

    @Override
    public String resolve(String location, String name) {
        return path(location).resolve(name).normalize().toString();
    }

    @Override
    public String uri(String location) {
        return path(location).toAbsolutePath().normalize().toUri().toString();
    }

    @Override
    public boolean exists(String location) {
        return Files.exists(path(location));
    }

    @Override
    public boolean isFile(String location) {
        return Files.isRegularFile(path(location));
    }

    @Override
    public boolean isDirectory(String location) {
        return Files.isDirectory(path(location));
    }

    @Override
    public long size(String location) throws IOException {
        return Files.size(path(location));
    }

    @Override
    public Instant modified(String location) throws IOException {
        return Files.getLastModifiedTime(path(location)).toInstant();
    }

    @Override
    public List<Entry> list(String directory) throws IOException {
        Path path = path(directory);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> children = Files.list(path)) {
            for (Path child : children.sorted().toList()) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(child, BasicFileAttributes.class);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                entries.add(new Entry(
                        child.getFileName().toString(),
                        attributes.isDirectory(),
                        attributes.lastModifiedTime().toInstant()));
            }
        }
        return List.copyOf(entries);
    }

    @Override
    public byte[] read(String location) throws IOException {
        return Files.readAllBytes(path(location));
    }

    @Override
    public InputStream open(String location) throws IOException {
        return Files.newInputStream(path(location));
    }

    @Override
    public OutputStream create(String location) throws IOException {
        Path path = path(location);
        Files.createDirectories(path.toAbsolutePath().getParent());
        return Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public void write(String location, byte[] content) throws IOException {
        Path path = path(location);
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.write(path, content);
    }

    /** An atomic move of a temporary file in the same directory over the target ({@link AtomicFiles}). */
    @Override
    public void replace(String location, byte[] content) {
        AtomicFiles.replace(path(location), content);
    }

    @Override
    public void createDirectories(String location) throws IOException {
        Files.createDirectories(path(location));
    }

    @Override
    public boolean claimDirectory(String location) throws IOException {
        Path path = path(location);
        Files.createDirectories(path.toAbsolutePath().getParent());
        try {
            Files.createDirectory(path);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        }
    }

    /** A hard link, or a copy where the file system cannot link. */
    @Override
    public void copyFile(String from, String to) throws IOException {
        Path source = path(from);
        Path target = path(to);
        try {
            Files.createLink(target, source);
        } catch (UnsupportedOperationException | FileSystemException cannotLink) {
            if (cannotLink instanceof FileAlreadyExistsException exists) {
                throw exists;
            }
            Files.copy(source, target);
        }
    }

    @Override
    public void rename(String from, String to) throws IOException {
        Path target = path(to);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(to);
        }
        Files.move(path(from), target);
    }

    @Override
    public void deleteRecursively(String location) throws IOException {
        Path path = path(location);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        }
    }

    /**
     * An operating-system lock on the file ({@link FileChannel#tryLock}), which the kernel releases when the process
     * ends in any way, kill -9 included; the file stays after release (its content names the last holder).
     */
    @Override
    public Optional<Lock> tryLock(String file, String holder) throws IOException {
        Path path = path(file);
        Files.createDirectories(path.toAbsolutePath().getParent());
        FileChannel channel =
                FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            FileLock held = lock;
            return Optional.of(() -> release(channel, held));
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public boolean releasesLocksOfDeadHolders() {
        return true;
    }

    private static void release(FileChannel channel, FileLock lock) {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases the lock too
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    @Override
    public String toString() {
        return "local storage";
    }
}
