package org.observatory.bench.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Runs a command as a new process, its output to a log, and times it from start to exit. */
final class ChildProcess {
    private ChildProcess() {}

    /** A finished process: its wall seconds, its output and the largest VmHWM seen while it ran. */
    record Finished(double seconds, List<String> output, OptionalLong peakResidentBytes) {}

    /** A JVM command on this JVM's class path: {@code java OPTIONS -cp CLASSPATH MAIN ARGS}. */
    static List<String> java(List<String> options, Class<?> main, List<String> args) {
        String home = System.getProperty("java.home");
        List<String> command = new ArrayList<>();
        command.add(Path.of(home, "bin", "java").toString());
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        return command;
    }

    /**
     * Runs {@code command} to its end and times it; reads the process's VmHWM every 50 ms while it runs.
     *
     * @throws IllegalStateException when it exits with another status than 0, with the end of its output
     */
    static Finished run(List<String> command, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        long started = System.nanoTime();
        Process process = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long peak = 0;
        while (process.isAlive()) {
            peak = Math.max(peak, Machine.peakResidentBytes(process.pid()).orElse(0));
            process.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        int exit = process.exitValue();
        double seconds = (System.nanoTime() - started) / 1e9;
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        if (exit != 0) {
            String tail = String.join("\n  ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
            throw new IllegalStateException("'%s' exited with %d%s after %.1f s; its output (%s) ends:%n  %s"
                    .formatted(
                            shortly(command),
                            exit,
                            exit >= 128 ? " (killed by signal " + (exit - 128) + ")" : "",
                            seconds,
                            log,
                            tail));
        }
        return new Finished(seconds, lines, peak == 0 ? OptionalLong.empty() : OptionalLong.of(peak));
    }

    /** A command without its class path, for messages. */
    static String shortly(List<String> command) {
        List<String> shown = new ArrayList<>();
        for (int index = 0; index < command.size(); index++) {
            shown.add(command.get(index));
            if (command.get(index).equals("-cp") && index + 1 < command.size()) {
                shown.add("CLASSPATH");
                index++;
            }
        }
        return String.join(" ", shown);
    }

    /** Stops a process and every process it started, and waits for them. */
    static void stopTree(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }
}
