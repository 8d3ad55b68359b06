package org.observatory.app;

import java.nio.file.Path;
import org.observatory.schemas.storage.DataDirectory;
import picocli.CommandLine.Option;

/** The options every command takes: where the data directory is, and how to print results. */
public final class CommonOptions {
    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Data directory (default: ${DEFAULT-VALUE}).",
            defaultValue = "data")
    Path data;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            defaultValue = "text")
    OutputFormat format;

    public DataDirectory dataDirectory() {
        return new DataDirectory(data);
    }

    public OutputFormat format() {
        return format;
    }
}
