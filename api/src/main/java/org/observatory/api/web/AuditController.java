package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.observatory.api.registry.Registry;
import org.observatory.api.text.ApiMessage;

/** {@code GET /audit} (secretariat): the audit log, oldest first: who did what, when. Tokens never appear. */
public final class AuditController {
    private final Registry registry;
    private final Access access;

    AuditController(Registry registry, Access access) {
        this.registry = requireNonNull(registry, "registry is null");
        this.access = requireNonNull(access, "access is null");
    }

    public void list(Context ctx) {
        QueryParameters.acceptOnly(ctx, List.of());
        access.secretariat(ctx, ApiMessage.ACTION_READ_AUDIT_LOG);
        ctx.json(Map.of("entries", registry.auditLog()));
    }
}
