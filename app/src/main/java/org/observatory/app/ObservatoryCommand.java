package org.observatory.app;

import java.io.PrintWriter;
import org.observatory.schemas.error.ObservatoryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code observatory} command. Exit codes: 0 success, 1 rejected or failed, 2 usage error. Errors are printed
 * as one message saying what, where and how to fix it; never a stack trace (set {@code OBSERVATORY_DEBUG=1} for one).
 */
@Command(
        name = "observatory",
        description = "Crime and violence observatory of the Americas: ingest, normalise, publish, serve.",
        mixinStandardHelpOptions = true,
        version = "observatory 0.1.0",
        subcommands = {
            DemoCommand.class,
            ServeCommand.class,
            IngestCommand.class,
            PipelineCommand.class,
            ReportCommand.class,
            AccountsCommand.class,
            ClusterCommand.class,
            LabelsCommand.class
        })
public final class ObservatoryCommand {
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ObservatoryCommand());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            PrintWriter err = line.getErr();
            if (System.getenv("OBSERVATORY_DEBUG") != null) {
                exception.printStackTrace(err);
            }
            if (exception instanceof ObservatoryException observatory) {
                err.println("error [" + observatory.errorCode() + "]: " + observatory.getMessage());
                err.flush();
                return observatory.errorCode() == org.observatory.schemas.error.ErrorCode.INVALID_PARAMETER
                        ? EXIT_USAGE
                        : EXIT_FAILED;
            }
            err.println("error: " + exception.getClass().getSimpleName() + ": " + exception.getMessage());
            err.flush();
            return EXIT_FAILED;
        });
        return commandLine;
    }
}
