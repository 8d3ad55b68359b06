package org.observatory.pipeline.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import org.observatory.pipeline.PipelineMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

/**
 * Resolves the locations of a run manifest ({@code stagingUri}, {@code warehouseUri}) to a {@link Location}: a plain
 * path or a {@code file:} URI is local ({@link LocalStorage}, no Hadoop class loaded); any other scheme ({@code
 * hdfs:}, {@code s3a:}, ...) is a cluster location on Hadoop's {@code FileSystem} ({@link HadoopStorage}), which
 * only the Spark engine can reach.
 */
public final class Locations {
    /** Which locations the engine of a run can read and write. */
    public enum Reach {
        /** Local paths and {@code file:} URIs only: the DuckDB engine. */
        LOCAL,
        /** Local paths and every Hadoop file system: the Spark engine. */
        CLUSTER
    }

    private Locations() {}

    /**
     * @param location a path ({@code data/warehouse}), a {@code file:} URI ({@code file:///srv/data/warehouse}) or,
     *     with {@link Reach#CLUSTER}, a Hadoop URI ({@code hdfs://namenode:8020/observatory/warehouse})
     * @param name what the location is, for the message, e.g. {@code warehouseUri}
     * @throws ObservatoryException {@link ErrorCode#CONFIGURATION_INVALID} when the location is empty, malformed, or
     *     a cluster URI that the engine cannot reach; {@link ErrorCode#STORAGE_FAILURE} when its file system cannot
     *     be opened
     */
    public static Location resolve(String location, String name, Reach reach) {
        requireNonNull(location, "location is null");
        requireNonNull(name, "name is null");
        requireNonNull(reach, "reach is null");
        String text = location.strip();
        if (text.isEmpty()) {
            throw new ObservatoryException(
                    ErrorCode.CONFIGURATION_INVALID,
                    Message.of(PipelineMessage.LOCATION_EMPTY, "name", name, "location", location));
        }
        try {
            if (text.toLowerCase(Locale.ROOT).startsWith("file:")) {
                return Location.local(Path.of(URI.create(text)));
            }
            if (!text.matches("[A-Za-z][A-Za-z0-9+.-]+:.*") || text.matches("[A-Za-z]:[\\\\/].*")) {
                return Location.local(Path.of(text));
            }
        } catch (IllegalArgumentException e) {
            throw invalid(name, location, e.getMessage());
        }
        if (reach == Reach.LOCAL) {
            throw new ObservatoryException(
                    ErrorCode.CONFIGURATION_INVALID,
                    Message.of(PipelineMessage.LOCATION_LOCAL_ONLY, "name", name, "location", location));
        }
        return cluster(text, name, location);
    }

    private static Location cluster(String text, String name, String location) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(name, location, e.getMessage());
        }
        if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
            throw new ObservatoryException(
                    ErrorCode.CONFIGURATION_INVALID,
                    Message.of(PipelineMessage.LOCATION_NOT_ABSOLUTE, "name", name, "location", location));
        }
        HadoopStorage storage;
        try {
            storage = HadoopStorage.of(uri);
        } catch (IOException | RuntimeException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    Message.of(
                            PipelineMessage.LOCATION_FILE_SYSTEM,
                            "name",
                            name,
                            "location",
                            location,
                            "problem",
                            JsonFiles.firstLine(String.valueOf(e.getMessage()))),
                    e);
        }
        return new Location(storage, storage.location(uri));
    }

    private static ObservatoryException invalid(String name, String location, String problem) {
        return new ObservatoryException(
                ErrorCode.CONFIGURATION_INVALID,
                Message.of(PipelineMessage.LOCATION_MALFORMED, "name", name, "location", location, "problem", problem));
    }
}
