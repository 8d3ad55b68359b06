package org.observatory.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every path template an answer links to is a route the app declares, and ids are encoded as path segments. */
class PathsTest {
    @TempDir
    Path root;

    @Test
    void everyLinkedTemplateIsADeclaredRoute() {
        Set<String> registered = OpenApiFragments.registered(root, path -> true);

        for (String template : List.of(Paths.SUBMISSION, Paths.PIPELINE_RUN, Paths.SNAPSHOT_DOWNLOAD)) {
            assertThat(registered).as(template).contains("GET " + template);
        }
        for (String area : Paths.PRIVATE) {
            assertThat(registered).as(area).anyMatch(route -> route.contains(" " + area));
        }
    }

    @Test
    void expandEncodesTheIdAsAPathSegment() {
        assertThat(Paths.expand(Paths.SUBMISSION, "sub-1a2b")).isEqualTo("/api/v1/submissions/sub-1a2b");
        assertThat(Paths.expand(Paths.SNAPSHOT_DOWNLOAD, "a b/c")).isEqualTo("/api/v1/snapshots/a%20b%2Fc/download");
    }
}
