package org.observatory.ingest.landing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ObjIntConsumer;

/**
 * The landing area: every uploaded file is copied byte for byte to {@code landing/<sha256>.<ext>}, never modified,
 * with a manifest {@code landing/<sha256>.json} (first submitter, country, source kind, cycle, time, size). Landing
 * the same bytes twice is idempotent. The bytes are read once: while they are copied and hashed, an observer can
 * look at them too (ingest scans them for their encoding and line starts).
 */
public final class Landing {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final int BLOCK_BYTES = 1 << 20;

    private final Path directory;

    public Landing(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
    }

    public LandedFile land(Path upload, String originalName, Map<String, Object> manifestFields) throws IOException {
        return land(upload, originalName, manifestFields, (bytes, length) -> {});
    }

    /**
     * Lands {@code upload} as {@link #land(Path, String, Map)} does, handing every block of its bytes, in order, to
     * {@code observer} as they are copied (the first block holds the first {@code min(size, 1 MiB)} bytes). The
     * observer looks at one block on a thread of its own while that block is copied and hashed on two more and the
     * next one is read; its failure is this method's.
     */
    public LandedFile land(
            Path upload, String originalName, Map<String, Object> manifestFields, ObjIntConsumer<byte[]> observer)
            throws IOException {
        requireNonNull(observer, "observer is null");
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, ".upload-", ".part");
        try {
            MessageDigest digest = sha256();
            long size = 0;
            try (InputStream input = Files.newInputStream(upload);
                    OutputStream output = Files.newOutputStream(temporary);
                    BlockHandOff observing = new BlockHandOff(
                            List.of(
                                    (block, length) -> digest.update(block, 0, length),
                                    (block, length) -> output.write(block, 0, length),
                                    observer::accept),
                            BLOCK_BYTES)) {
                // the copy, the hash and the observer each see a block on a thread of their own while the next
                // block is read
                byte[] block = observing.emptyBlock();
                int read;
                while ((read = input.readNBytes(block, 0, block.length)) > 0) {
                    observing.handOver(block, read);
                    size += read;
                    block = observing.emptyBlock();
                }
                observing.finish();
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            Path target = directory.resolve(sha + extension(originalName));
            if (Files.exists(target)) {
                Files.delete(temporary);
            } else {
                move(temporary, target);
                target.toFile().setReadOnly();
            }
            Path manifest = directory.resolve(sha + ".json");
            if (!Files.exists(manifest)) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("sha256", sha);
                fields.put("fileName", originalName);
                fields.put("sizeBytes", size);
                fields.putAll(manifestFields);
                Path manifestTemporary = Files.createTempFile(directory, ".manifest-", ".part");
                JSON.writeValue(manifestTemporary.toFile(), fields);
                move(manifestTemporary, manifest);
            }
            return new LandedFile(sha, target, size);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target);
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return extension.matches("[a-z0-9]{1,8}") ? "." + extension : ".bin";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
