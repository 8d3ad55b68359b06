package org.observatory.pipeline.io;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * Resolves the locations of a run manifest to local paths: a plain path or a {@code file:} URI. Cluster URIs
 * ({@code hdfs:}, {@code s3a:}) are refused with a message until the warehouse can be published on them.
 */
public final class LocalPaths {
    private LocalPaths() {}

    /**
     * @param location a path ({@code data/warehouse}) or a {@code file:} URI ({@code file:///srv/data/warehouse})
     * @param name what the location is, for the message, e.g. {@code warehouseUri}
     */
    public static Path resolve(String location, String name) {
        requireNonNull(location, "location is null");
        requireNonNull(name, "name is null");
        String text = location.strip();
        if (text.isEmpty()) {
            throw invalid(name, location, "it is empty");
        }
        try {
            if (text.toLowerCase(Locale.ROOT).startsWith("file:")) {
                return Path.of(URI.create(text)).toAbsolutePath().normalize();
            }
            if (text.matches("[A-Za-z][A-Za-z0-9+.-]+:.*") && !text.matches("[A-Za-z]:[\\\\/].*")) {
                throw invalid(
                        name,
                        location,
                        "only local paths and file: URIs are supported so far; mount the storage locally or copy"
                                + " the data");
            }
            return Path.of(text).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) {
            throw invalid(name, location, e.getMessage());
        }
    }

    /** The location of a local path as Spark reads and writes it ({@code file:/...}). */
    public static String sparkLocation(Path path) {
        return path.toAbsolutePath().normalize().toUri().toString();
    }

    private static ObservatoryException invalid(String name, String location, String problem) {
        return new ObservatoryException(
                ErrorCode.CONFIGURATION_INVALID,
                "Run manifest %s '%s' is not usable: %s".formatted(name, location, problem));
    }
}
