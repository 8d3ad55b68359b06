package org.observatory.api.registry;

import static java.util.Objects.requireNonNull;

/**
 * One line of the audit log: when, who (an account, or the command line with its operating-system user), what
 * ({@code submission}, {@code approval}, {@code withdrawal}, {@code pipeline-run}, {@code account}), the object it
 * concerns and a sentence of detail. Never a token.
 */
public record AuditEntry(long sequence, String at, String actor, String action, String target, String detail) {
    public AuditEntry {
        requireNonNull(at, "at is null");
        requireNonNull(actor, "actor is null");
        requireNonNull(action, "action is null");
        requireNonNull(target, "target is null");
        requireNonNull(detail, "detail is null");
    }
}
