package org.observatory.app;

import picocli.CommandLine.Option;

/**
 * The options every command takes: where the data is ({@link DataOptions}) and how to print results.
 */
public final class CommonOptions extends DataOptions {
    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            defaultValue = "text")
    OutputFormat format;

    public OutputFormat format() {
        return format;
    }
}
