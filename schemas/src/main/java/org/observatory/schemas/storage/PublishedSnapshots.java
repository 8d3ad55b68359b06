package org.observatory.schemas.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * Which snapshots of a warehouse are published: those {@code warehouse/PUBLISHED} lists, plus the one {@code
 * warehouse/CURRENT} names. A directory under {@code warehouse/snapshots/} that neither names is not published,
 * even with a {@code _snapshot.json}: it was claimed by a run that died or failed before publishing, and the next
 * pipeline run removes it.
 *
 * <p>{@code PUBLISHED} is a text file replaced atomically, one line per published snapshot in the order of
 * publication: the snapshot id, a space and the time it was published (ISO-8601). The pipeline moves {@code
 * CURRENT} first and appends to {@code PUBLISHED} second, and every run first adds {@code CURRENT} to {@code
 * PUBLISHED} when a killed run left it out, so {@code PUBLISHED} plus {@code CURRENT} is always the published set.
 *
 * <p>Readers that hold a snapshot for long (a whole-vintage download) may lease it: create or touch any file in
 * {@code warehouse/leases/<snapshot-id>/}; retention removes no snapshot with a lease younger than its grace
 * period.
 */
public final class PublishedSnapshots {
    /** The file name of the publication log in the warehouse. */
    public static final String PUBLISHED = "PUBLISHED";
    /** The directory of reader leases in the warehouse. */
    public static final String LEASES = "leases";
    /** What a snapshot id looks like: letters, digits, '.', '_' and '-'. */
    public static final Pattern SNAPSHOT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private PublishedSnapshots() {}

    /** One line of {@code PUBLISHED}. */
    public record Entry(String snapshotId, String publishedAt) {
        public Entry {
            requireNonNull(snapshotId, "snapshotId is null");
            requireNonNull(publishedAt, "publishedAt is null");
            if (!SNAPSHOT_ID.matcher(snapshotId).matches()) {
                throw new IllegalArgumentException("'%s' is not a snapshot id".formatted(snapshotId));
            }
            if (publishedAt.isBlank() || publishedAt.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(
                        "publication time '%s' must be one ISO-8601 word".formatted(publishedAt));
            }
        }

        String line() {
            return snapshotId + " " + publishedAt;
        }
    }

    /** The ids of the published snapshots, in the order of publication; the current one is last. */
    public static List<String> ids(Path warehouse) {
        requireNonNull(warehouse, "warehouse is null");
        List<String> ids =
                new ArrayList<>(log(warehouse).stream().map(Entry::snapshotId).toList());
        Optional<String> current = DataDirectory.readSnapshotPointer(warehouse.resolve(DataDirectory.CURRENT));
        current.ifPresent(id -> {
            ids.remove(id);
            ids.add(id);
        });
        return List.copyOf(ids);
    }

    /** Whether the snapshot is published (listed in {@code PUBLISHED} or named by {@code CURRENT}). */
    public static boolean isPublished(Path warehouse, String snapshotId) {
        return ids(warehouse).contains(snapshotId);
    }

    /**
     * The lines of {@code PUBLISHED} (none when the file does not exist yet).
     *
     * @throws ObservatoryException {@link ErrorCode#STORAGE_FAILURE} when it cannot be read or a line is broken
     */
    public static List<Entry> log(Path warehouse) {
        Path file = warehouse.resolve(PUBLISHED);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot read %s: %s; check the warehouse's permissions".formatted(file, e),
                    e);
        }
        return parse(lines, file.toString());
    }

    /**
     * The lines of a {@code PUBLISHED} file read from anywhere (a warehouse on a cluster file system too).
     *
     * @param file where the lines come from, for the message
     * @throws ObservatoryException {@link ErrorCode#STORAGE_FAILURE} when a line is broken
     */
    public static List<Entry> parse(List<String> lines, String file) {
        requireNonNull(lines, "lines is null");
        requireNonNull(file, "file is null");
        List<Entry> entries = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            try {
                if (words.length != 2) {
                    throw new IllegalArgumentException("expected a snapshot id and a time");
                }
                entries.add(new Entry(words[0], words[1]));
            } catch (IllegalArgumentException e) {
                throw new ObservatoryException(
                        ErrorCode.STORAGE_FAILURE,
                        "%s line %d '%s' is broken: %s; each line must be '<snapshot-id> <published-at>'"
                                .formatted(file, index + 1, line, e.getMessage()));
            }
        }
        return List.copyOf(entries);
    }

    /** The text of a {@code PUBLISHED} file with these lines. */
    public static String format(List<Entry> entries) {
        StringBuilder text = new StringBuilder();
        for (Entry entry : entries) {
            text.append(entry.line()).append('\n');
        }
        return text.toString();
    }
}
