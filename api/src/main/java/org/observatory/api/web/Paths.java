package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The paths answers link to (a {@code Location} header, a download URL), as templates of routes that {@code
 * ObservatoryApp.routes} declares, filled in by {@link #expand}; a test checks that each is a declared route. Also
 * the private areas, whose answers are never cached ({@link SecurityHeaders}).
 */
public final class Paths {
    public static final String API = "/api/v1";
    public static final String SUBMISSION = API + "/submissions/{id}";
    public static final String PIPELINE_RUN = API + "/pipeline-runs/{id}";
    public static final String SNAPSHOT_DOWNLOAD = API + "/snapshots/{id}/download";

    /** The areas that answer only their caller: submissions and raw files, pipeline runs, accounts, the audit log. */
    public static final List<String> PRIVATE =
            List.of(API + "/submissions", API + "/pipeline-runs", API + "/accounts", API + "/audit");

    private static final String PLACEHOLDER = "{id}";

    private Paths() {}

    /** The template with its {@code {id}} replaced by the id, encoded as a path segment. */
    public static String expand(String template, String id) {
        requireNonNull(template, "template is null");
        requireNonNull(id, "id is null");
        if (!template.contains(PLACEHOLDER)) {
            throw new IllegalArgumentException("the path template %s has no %s".formatted(template, PLACEHOLDER));
        }
        return template.replace(
                PLACEHOLDER, URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
