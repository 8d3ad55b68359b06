package org.observatory.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    @Test
    void mergesFragmentsListedInFragmentsTxt() {
        assertThat(OpenApiDocument.fragmentNames()).startsWith("paths-meta.json", "paths-read.json");
        assertThat(OpenApiDocument.load().operations()).contains("GET /api/v1/snapshots");
    }

    @Test
    void refusesARouteDefinedTwice() throws Exception {
        ObjectNode base = (ObjectNode) json("{\"paths\": {}, \"components\": {}}");
        OpenApiDocument.merge(base, json("{\"paths\": {\"/a\": {\"get\": {\"summary\": \"one\"}}}}"), "paths-one.json");
        OpenApiDocument.merge(
                base, json("{\"paths\": {\"/a\": {\"post\": {\"summary\": \"two\"}}}}"), "paths-two.json");
        assertThat(base.at("/paths/~1a").size()).isEqualTo(2);
        assertThatThrownBy(() -> OpenApiDocument.merge(
                        base, json("{\"paths\": {\"/a\": {\"get\": {\"summary\": \"three\"}}}}"), "paths-three.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("OpenAPI fragment paths-three.json defines GET /a, which another fragment defines");
    }

    @Test
    void refusesAComponentDefinedTwiceDifferentlyAndMembersOtherThanPathsAndComponents() throws Exception {
        ObjectNode base =
                (ObjectNode) json("{\"paths\": {}, \"components\": {\"schemas\": {\"A\": {\"type\": \"string\"}}}}");
        OpenApiDocument.merge(
                base, json("{\"components\": {\"schemas\": {\"A\": {\"type\": \"string\"}}}}"), "same.json");
        assertThatThrownBy(() -> OpenApiDocument.merge(
                        base, json("{\"components\": {\"schemas\": {\"A\": {\"type\": \"integer\"}}}}"), "other.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "OpenAPI fragment other.json defines components.schemas.A differently from another fragment");
        assertThatThrownBy(() -> OpenApiDocument.merge(base, json("{\"info\": {}}"), "info.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("OpenAPI fragment info.json has the member 'info'; a fragment holds only 'paths' and"
                        + " 'components'");
    }
}
