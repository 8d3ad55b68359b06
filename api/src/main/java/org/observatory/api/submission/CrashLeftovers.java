package org.observatory.api.submission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.observatory.schemas.storage.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What processes killed during an upload leave behind, removed when the server starts: in {@code registry/uploads},
 * the uploads being copied ({@code upload-<pid>-*.part}) of processes that are gone and every multipart file of
 * Jetty (which names no process, and which only the server holding the registry writes, so none is in use at its
 * start); in {@code staging/}, the hidden working directories of ingests of processes that are gone ({@link
 * SubmissionIntake#removeLeftoversOfDeadProcesses}). Files of live processes stay.
 */
public final class CrashLeftovers {
    private static final Logger LOG = LoggerFactory.getLogger(CrashLeftovers.class);
    private static final Pattern UPLOAD = Pattern.compile("upload-([0-9]+)-.*\\.part");

    private CrashLeftovers() {}

    /** The start of the name of an upload being copied: {@code upload-<pid>-}. */
    public static String uploadPrefix() {
        return "upload-" + ProcessHandle.current().pid() + "-";
    }

    /** The upload folder: Jetty's multipart files and the uploads being copied. */
    public static Path uploads(DataDirectory data) {
        return data.registry().resolve("uploads");
    }

    /**
     * Removes the leftovers of processes that are gone; a file that cannot be removed is logged and left.
     *
     * @return the files and directories removed
     */
    public static List<Path> remove(DataDirectory data, Optional<SubmissionIntake> intake) {
        List<Path> removed = new ArrayList<>();
        Path uploads = uploads(data);
        if (Files.isDirectory(uploads)) {
            try (Stream<Path> files = Files.list(uploads)) {
                for (Path file : files.toList()) {
                    Matcher upload = UPLOAD.matcher(file.getFileName().toString());
                    if (!upload.matches() || !aliveOther(upload.group(1))) {
                        try {
                            delete(file);
                            removed.add(file);
                        } catch (IOException e) {
                            LOG.warn("Cannot remove {}, a leftover of a killed upload; remove it by hand", file, e);
                        }
                    }
                }
            } catch (IOException e) {
                LOG.warn("Cannot list the leftovers of killed uploads in {}", uploads, e);
            }
        }
        try {
            if (intake.isPresent()) {
                intake.get().removeLeftoversOfDeadProcesses();
            }
        } catch (IOException e) {
            LOG.warn("Cannot remove the leftovers of killed ingests in {}", data.staging(), e);
        }
        if (!removed.isEmpty()) {
            LOG.info("Removed {} leftover(s) of killed uploads from {}", removed.size(), uploads);
        }
        return removed;
    }

    /**
     * Whether the process is alive and not this one: this server has not copied any upload yet, so a file with its
     * process id is of a dead process that had the same id (in a container, the server is often process 1).
     */
    private static boolean aliveOther(String pid) {
        try {
            long id = Long.parseLong(pid);
            return id != ProcessHandle.current().pid()
                    && ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void delete(Path path) throws IOException {
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path entry : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(entry);
            }
        }
    }
}
