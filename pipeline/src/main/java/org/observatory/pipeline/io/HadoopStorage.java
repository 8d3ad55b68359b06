package org.observatory.pipeline.io;

import static java.util.Objects.requireNonNull;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.observatory.pipeline.PipelineMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

/**
 * Storage on a Hadoop {@code FileSystem} ({@code hdfs:}, {@code s3a:}, ...): locations are full URIs. How the
 * operations that must be atomic are done:
 *
 * <ul>
 *   <li>{@link #replace}: on HDFS a temporary file in the same directory, then one rename that overwrites the
 *       target (atomic in the NameNode); on an object store ({@code s3a:}, ...) one PUT of the whole object, which
 *       S3 makes visible at once; elsewhere delete then rename, so a reader may briefly find no file.
 *   <li>{@link #tryLock}: creating the lock file with {@code overwrite=false}, atomic on HDFS (and a conditional
 *       PUT on S3A where the store supports it); the lock is released by deleting the file, so one whose holder
 *       died stays until it is removed by hand.
 *   <li>{@link #claimDirectory}: creating {@value #CLAIM} inside the directory with {@code overwrite=false}
 *       (Hadoop's {@code mkdirs} succeeds on an existing directory, so it cannot claim).
 *   <li>{@link #copyFile}: a copy ({@link FileUtil#copy}); Hadoop has no hard links.
 * </ul>
 *
 * The configuration is Hadoop's defaults ({@code core-site.xml} and {@code hdfs-site.xml} on the class path) plus
 * every {@code spark.hadoop.*} system property, as Spark gives them to its own Hadoop configuration (spark-submit
 * sets {@code --conf} values as system properties of the driver).
 */
public final class HadoopStorage implements Storage {
    /** The file that marks a directory as claimed; Spark and DuckDB skip names that start with a dot. */
    public static final String CLAIM = ".claimed";

    private static final String SPARK_HADOOP = "spark.hadoop.";
    /** Object stores: no atomic rename, but a PUT of one object is seen whole or not at all. */
    private static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "gs", "abfs", "abfss", "wasb", "oss");

    private final FileSystem fileSystem;
    private final Configuration configuration;

    private HadoopStorage(FileSystem fileSystem, Configuration configuration) {
        this.fileSystem = requireNonNull(fileSystem, "fileSystem is null");
        this.configuration = requireNonNull(configuration, "configuration is null");
    }

    /** The storage of a URI with Hadoop's configuration plus the {@code spark.hadoop.*} system properties. */
    public static HadoopStorage of(URI uri) throws IOException {
        Configuration configuration = new Configuration();
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(SPARK_HADOOP) && name.length() > SPARK_HADOOP.length())
                .forEach(name -> configuration.set(name.substring(SPARK_HADOOP.length()), System.getProperty(name)));
        return of(uri, configuration);
    }

    /** The storage of a URI with this configuration (e.g. a Spark session's {@code hadoopConfiguration()}). */
    public static HadoopStorage of(URI uri, Configuration configuration) throws IOException {
        requireNonNull(uri, "uri is null");
        return new HadoopStorage(FileSystem.get(uri, configuration), configuration);
    }

    /** The location of a URI: qualified with the file system's authority ({@code hdfs:///x} becomes {@code hdfs://nn:8020/x}). */
    public String location(URI uri) {
        return fileSystem.makeQualified(new Path(uri)).toString();
    }

    @Override
    public String resolve(String location, String name) {
        return new Path(new Path(location), name).toString();
    }

    @Override
    public String uri(String location) {
        return location;
    }

    @Override
    public boolean exists(String location) throws IOException {
        return fileSystem.exists(new Path(location));
    }

    @Override
    public boolean isFile(String location) throws IOException {
        return status(location).map(FileStatus::isFile).orElse(false);
    }

    @Override
    public boolean isDirectory(String location) throws IOException {
        return status(location).map(FileStatus::isDirectory).orElse(false);
    }

    @Override
    public long size(String location) throws IOException {
        return existing(location).getLen();
    }

    @Override
    public Instant modified(String location) throws IOException {
        return Instant.ofEpochMilli(existing(location).getModificationTime());
    }

    @Override
    public List<Entry> list(String directory) throws IOException {
        FileStatus[] statuses;
        try {
            statuses = fileSystem.listStatus(new Path(directory));
        } catch (FileNotFoundException absent) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (FileStatus status : statuses) {
            entries.add(new Entry(
                    status.getPath().getName(),
                    status.isDirectory(),
                    Instant.ofEpochMilli(status.getModificationTime())));
        }
        entries.sort(Comparator.comparing(Entry::name));
        return List.copyOf(entries);
    }

    @Override
    public byte[] read(String location) throws IOException {
        try (InputStream in = open(location)) {
            return in.readAllBytes();
        }
    }

    @Override
    public InputStream open(String location) throws IOException {
        try {
            return fileSystem.open(new Path(location));
        } catch (FileNotFoundException absent) {
            throw noSuchFile(location, absent);
        }
    }

    @Override
    public OutputStream create(String location) throws IOException {
        try {
            return fileSystem.create(new Path(location), false);
        } catch (IOException e) {
            if (alreadyExists(e)) {
                FileAlreadyExistsException exists = new FileAlreadyExistsException(location);
                exists.initCause(e);
                throw exists;
            }
            throw e;
        }
    }

    @Override
    public void write(String location, byte[] content) throws IOException {
        try (FSDataOutputStream out = fileSystem.create(new Path(location), true)) {
            out.write(content);
        }
    }

    /**
     * HDFS: a temporary file in the same directory, renamed over the target with {@code Rename.OVERWRITE} (one
     * atomic NameNode operation). An object store: one PUT of the whole object (a reader gets the old object or
     * the new). Another Hadoop file system: delete, then rename; a reader in between finds no file.
     */
    @Override
    public void replace(String location, byte[] content) {
        Path target = new Path(location);
        Path temporary = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            if (OBJECT_STORES.contains(scheme())) {
                write(location, content);
                return;
            }
            try (FSDataOutputStream out = fileSystem.create(temporary, false)) {
                out.write(content);
            }
            if (fileSystem instanceof DistributedFileSystem hdfs) {
                hdfs.rename(temporary, target, Options.Rename.OVERWRITE);
            } else {
                fileSystem.delete(target, false);
                if (!fileSystem.rename(temporary, target)) {
                    throw new IOException("the file system refused to rename " + temporary + " to " + target);
                }
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    Message.of(
                            PipelineMessage.FILE_REPLACE_UNREACHABLE,
                            "file",
                            String.valueOf(location),
                            "problem",
                            e.toString()),
                    e);
        }
    }

    @Override
    public void createDirectories(String location) throws IOException {
        if (!fileSystem.mkdirs(new Path(location))) {
            throw new IOException("the file system refused to create the directory " + location);
        }
    }

    @Override
    public boolean claimDirectory(String location) throws IOException {
        if (exists(location)) {
            return false;
        }
        try (OutputStream claimed = create(resolve(location, CLAIM))) {
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        }
    }

    @Override
    public void copyFile(String from, String to) throws IOException {
        if (exists(to)) {
            throw new FileAlreadyExistsException(to);
        }
        try {
            FileUtil.copy(fileSystem, new Path(from), fileSystem, new Path(to), false, false, configuration);
        } catch (FileNotFoundException absent) {
            throw noSuchFile(from, absent);
        }
    }

    @Override
    public void rename(String from, String to) throws IOException {
        Path target = new Path(to);
        if (fileSystem.exists(target)) {
            throw new FileAlreadyExistsException(to);
        }
        fileSystem.mkdirs(target.getParent());
        if (!fileSystem.rename(new Path(from), target)) {
            throw new IOException("the file system refused to rename %s to %s".formatted(from, to));
        }
    }

    @Override
    public void deleteRecursively(String location) throws IOException {
        fileSystem.delete(new Path(location), true);
    }

    /** Creates the file with {@code overwrite=false}; closing the lock deletes it. */
    @Override
    public Optional<Lock> tryLock(String file, String holder) throws IOException {
        Path path = new Path(file);
        try (OutputStream out = create(file)) {
            out.write((holder + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (FileAlreadyExistsException held) {
            return Optional.empty();
        }
        return Optional.of(() -> deleteQuietly(path));
    }

    @Override
    public boolean releasesLocksOfDeadHolders() {
        return false;
    }

    private String scheme() {
        return fileSystem.getScheme().toLowerCase(Locale.ROOT);
    }

    private Optional<FileStatus> status(String location) throws IOException {
        try {
            return Optional.of(fileSystem.getFileStatus(new Path(location)));
        } catch (FileNotFoundException absent) {
            return Optional.empty();
        }
    }

    private FileStatus existing(String location) throws IOException {
        try {
            return fileSystem.getFileStatus(new Path(location));
        } catch (FileNotFoundException absent) {
            throw noSuchFile(location, absent);
        }
    }

    private void deleteQuietly(Path path) {
        try {
            fileSystem.delete(path, false);
        } catch (IOException ignored) {
            // a leftover temporary or lock file; the message of the caller says what failed
        }
    }

    /** Hadoop's "exists" failures: the file exists, or another client is creating it right now. */
    private static boolean alreadyExists(IOException e) {
        String type = e.getClass().getSimpleName();
        return e instanceof org.apache.hadoop.fs.FileAlreadyExistsException
                || type.equals("AlreadyBeingCreatedException")
                || (e.getMessage() != null && e.getMessage().contains("AlreadyBeingCreatedException"));
    }

    private static NoSuchFileException noSuchFile(String location, FileNotFoundException cause) {
        NoSuchFileException absent = new NoSuchFileException(location);
        absent.initCause(cause);
        return absent;
    }

    @Override
    public String toString() {
        return "Hadoop storage " + fileSystem.getUri();
    }
}
