package org.observatory.pipeline.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.observatory.pipeline.PipelineMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

/**
 * Replaces a small file atomically: the content goes to a temporary file in the same directory, which is then
 * moved over the target in one step, so that a reader sees the old content or the new, never a part.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void replace(Path target, byte[] content) {
        requireNonNull(target, "target is null");
        requireNonNull(content, "content is null");
        Path directory = target.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
            Files.write(temporary, content);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    Message.of(PipelineMessage.FILE_REPLACE_FAILED, "file", target.toString(), "problem", e.toString()),
                    e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the move failed and left a temporary file that cannot be removed either; it is harmless
                }
            }
        }
    }
}
