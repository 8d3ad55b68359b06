package org.observatory.ingest.validate;

import java.util.function.Consumer;
import org.observatory.ingest.format.RawRow;

/**
 * Checks one raw row of an input kind and hands the staged row on, or reports why it cannot be staged. Rows of
 * countries outside the deployment are handed on as skipped rows with their reason, never dropped.
 */
public interface RowValidator {
    void validate(RawRow row, Consumer<StagedRow> staged);
}
