package org.observatory.api.page;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.observatory.schemas.error.Echo;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * {@code GET /assets/{name}}: the pages' stylesheet and script, from the classpath ({@code
 * org/observatory/api/page/assets/}). Only the files named here are served, so no path reaches the classpath. They
 * change only with a release: clients keep them an hour.
 */
public final class Assets {
    public static final String PATH = "/assets/{name}";
    private static final String FOLDER = "/org/observatory/api/page/assets/";
    private static final Map<String, String> TYPES =
            Map.of("observatory.css", "text/css; charset=utf-8", "observatory.js", "text/javascript; charset=utf-8");

    private final Map<String, byte[]> files;

    public Assets() {
        this.files = Map.copyOf(
                TYPES.keySet().stream().collect(java.util.stream.Collectors.toMap(name -> name, Assets::read)));
    }

    public void serve(Context ctx) {
        String name = ctx.pathParam("name");
        byte[] body = files.get(name);
        if (body == null) {
            throw new ObservatoryException(
                    ErrorCode.NOT_FOUND,
                    "There is no asset '%s'; the pages' assets are %s".formatted(Echo.quote(name), TYPES.keySet()));
        }
        ctx.status(HttpStatus.OK);
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType(TYPES.get(name));
        ctx.result(body);
    }

    private static byte[] read(String name) {
        try (InputStream in = Assets.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("The asset " + FOLDER + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the asset " + name, e);
        }
    }
}
