package org.observatory.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the observatory command in this JVM, as its {@code main} runs it: the exit code and what it printed. */
record CommandRun(int exit, String out, String err) {
    static CommandRun of(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = ObservatoryCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(arguments);
        return new CommandRun(exit, out.toString(), err.toString());
    }

    /** Appends what the run printed to {@code out} and {@code err}, and answers its exit code. */
    int appendTo(StringWriter out, StringWriter err) {
        out.append(this.out);
        err.append(this.err);
        return exit;
    }
}
