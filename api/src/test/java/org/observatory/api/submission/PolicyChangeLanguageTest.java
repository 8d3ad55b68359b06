package org.observatory.api.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.text.ApiMessage;

/**
 * The refusal of a run that a policy change would make unpublish values names the parts it leaves out; that list
 * ("MEX in sub-01, ... and 2 more") was English inside a translated sentence. Now every word of it is coded.
 */
class PolicyChangeLanguageTest {
    private static PolicyChange twelveParts() {
        List<String> mexico = new ArrayList<>();
        for (int part = 1; part <= 11; part++) {
            mexico.add("sub-%02d".formatted(part));
        }
        return new PolicyChange(
                "snap-1",
                Optional.of(ApprovalPolicy.AUTOMATIC),
                ApprovalPolicy.REQUIRED,
                12,
                new TreeMap<>(Map.of("COL", List.of("sub-12"), "MEX", mexico)));
    }

    @Test
    void thePartsARefusedRunWouldUnpublishAreNamedInTheReadersLanguage() {
        PolicyChange change = twelveParts();

        assertThat(change.refusalMessage().code()).isEqualTo(ApiMessage.POLICY_CHANGE_REFUSED);
        assertThat(change.refusal())
                .contains("(COL in sub-12, MEX in sub-01, MEX in sub-02, MEX in sub-03, MEX in sub-04, MEX in sub-05,"
                        + " MEX in sub-06, MEX in sub-07, MEX in sub-08, MEX in sub-09 and 2 more)");
        assertThat(change.refusalMessage().in(Locale.forLanguageTag("pt-BR")))
                .startsWith("A política de aprovação agora é required")
                .contains("(COL em sub-12, MEX em sub-01, MEX em sub-02, MEX em sub-03, MEX em sub-04, MEX em sub-05,"
                        + " MEX em sub-06, MEX em sub-07, MEX em sub-08, MEX em sub-09 e mais 2)")
                .doesNotContain(" in sub-", " more");
        assertThat(change.refusalMessage().in(Locale.forLanguageTag("fr-CA")))
                .startsWith("La politique d’approbation est désormais required")
                .contains("(COL dans sub-12, MEX dans sub-01, MEX dans sub-02, MEX dans sub-03, MEX dans sub-04,"
                        + " MEX dans sub-05, MEX dans sub-06, MEX dans sub-07, MEX dans sub-08, MEX dans sub-09 et 2"
                        + " de plus)")
                .doesNotContain(" in sub-", " more");
        // the audit log keeps its English wording
        assertThat(change.confirmed()).endsWith("MEX in sub-09 and 2 more)");
    }
}
