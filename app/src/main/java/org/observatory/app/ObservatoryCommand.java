package org.observatory.app;

import java.io.PrintWriter;
import java.util.Locale;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code observatory} command. Exit codes: 0 success, 1 rejected or failed, 2 usage error. Errors are printed
 * as one message saying what, where and how to fix it; never a stack trace (set {@code OBSERVATORY_DEBUG=1} for one).
 * Every command prints for people in the language of {@code --lang} (es, en, pt, fr), else of the process's locale
 * ({@code LANG}), else English ({@link CliLanguage}).
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

    @Option(
            names = "--lang",
            paramLabel = "LANG",
            scope = ScopeType.INHERIT,
            converter = CliLanguage.Converter.class,
            description = "Language of the output for people: es, en, pt or fr, or a tag like fr-FR (default: the"
                    + " locale of the process, LANG, when it is one of these, else en).")
    Locale locale = CliLanguage.processLocale();

    /** The locale of the output for people. */
    Locale locale() {
        return locale;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ObservatoryCommand());
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        commandLine.setExecutionStrategy(parseResult -> {
            CliLanguage.useForHelp(commandLine);
            return run.execute(parseResult);
        });
        CommandLine.IParameterExceptionHandler usage = commandLine.getParameterExceptionHandler();
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CliLanguage.useForHelp(commandLine);
            return usage.handleParseException(exception, arguments);
        });
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            PrintWriter err = line.getErr();
            if (System.getenv("OBSERVATORY_DEBUG") != null) {
                exception.printStackTrace(err);
            }
            Locale locale = CliLanguage.of(line.getCommandSpec());
            if (exception instanceof ObservatoryException observatory) {
                err.println(Message.of(
                                CliMessage.ERROR,
                                "code",
                                observatory.errorCode().name(),
                                "message",
                                observatory.message(locale))
                        .in(locale));
                err.flush();
                return observatory.errorCode() == org.observatory.schemas.error.ErrorCode.INVALID_PARAMETER
                        ? EXIT_USAGE
                        : EXIT_FAILED;
            }
            err.println(Message.of(
                            CliMessage.ERROR_UNEXPECTED,
                            "type",
                            exception.getClass().getSimpleName(),
                            "message",
                            String.valueOf(exception.getMessage()))
                    .in(locale));
            err.flush();
            return EXIT_FAILED;
        });
        return commandLine;
    }
}
