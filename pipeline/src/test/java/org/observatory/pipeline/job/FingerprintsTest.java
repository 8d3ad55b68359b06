package org.observatory.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.observatory.pipeline.job.Fingerprints.Contribution;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.record.RunSettings;

class FingerprintsTest {
    private static final Codelists CODELISTS = Codelists.load();
    private static final Fingerprints DEFAULTS = new Fingerprints(CODELISTS, RunSettings.DEFAULTS);
    private static final Contribution CTS = new Contribution("cts-1", "cts", 1, 2023, 4096, true);
    private static final Contribution NATIONAL = new Contribution("nat-1", "national", 2, 2023, 2048, true);

    @Test
    void givesAPartitionTheSameFingerprintForTheSameInputsInAnyOrder() {
        assertThat(DEFAULTS.of("MEX", List.of(CTS, NATIONAL)))
                .isEqualTo(new Fingerprints(CODELISTS, RunSettings.DEFAULTS).of("MEX", List.of(NATIONAL, CTS)))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void changesWithTheSubmissionsTheirApprovalAndOrder() {
        String fingerprint = DEFAULTS.of("MEX", List.of(CTS, NATIONAL));

        assertThat(List.of(
                        DEFAULTS.of("MEX", List.of(CTS)),
                        DEFAULTS.of("MEX", List.of(CTS, new Contribution("nat-1", "national", 2, 2023, 2048, false))),
                        DEFAULTS.of("MEX", List.of(CTS, new Contribution("nat-1", "national", 3, 2023, 2048, true))),
                        DEFAULTS.of("MEX", List.of(CTS, new Contribution("nat-1", "national", 2, 2023, 2049, true))),
                        DEFAULTS.of("COL", List.of(CTS, NATIONAL))))
                .doesNotContain(fingerprint)
                .doesNotHaveDuplicates();
    }

    @Test
    void changesWithTheSmallCellThresholdButNotWithRetention() {
        String fingerprint = DEFAULTS.of("MEX", List.of(CTS));

        assertThat(new Fingerprints(CODELISTS, RunSettings.DEFAULTS.withSmallCellThreshold(5)).of("MEX", List.of(CTS)))
                .isNotEqualTo(fingerprint);
        assertThat(new Fingerprints(CODELISTS, RunSettings.DEFAULTS.withKeepSnapshots(3)).of("MEX", List.of(CTS)))
                .isEqualTo(fingerprint);
    }
}
