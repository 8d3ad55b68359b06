package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.observatory.api.openapi.DocsPage;
import org.observatory.api.openapi.OpenApiDocument;

/** {@code GET /openapi.json} (the OpenAPI 3.1 document) and {@code GET /docs} (the same as a readable page). */
public final class OpenApiController {
    private final byte[] json;
    private final byte[] page;

    public OpenApiController(OpenApiDocument document) {
        requireNonNull(document, "document is null");
        this.json = document.json();
        this.page = DocsPage.render(document).getBytes(StandardCharsets.UTF_8);
    }

    public void openApi(Context ctx) {
        QueryParameters.acceptOnly(ctx, List.of());
        ctx.contentType("application/json");
        ctx.result(json);
    }

    public void docs(Context ctx) {
        QueryParameters.acceptOnly(ctx, List.of());
        ctx.header("Content-Security-Policy", DocsPage.CONTENT_SECURITY_POLICY);
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(page);
    }
}
