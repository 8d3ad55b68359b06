package org.observatory.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Content-Disposition of a downloaded submission file, whose name the submitter chose. */
class AttachmentTest {
    @Test
    void anApiDownloadOfANonAsciiOrQuotedFileNameKeepsTheHeaderAsciiAndTheNameExact() {
        assertThat(SubmissionController.attachment("delitos \"2024\" año\\.csv"))
                .isEqualTo("attachment; filename=\"delitos 2024 a_o.csv\";"
                        + " filename*=UTF-8''delitos%20%222024%22%20a%C3%B1o%5C.csv");
        assertThat(SubmissionController.attachment("mex.csv"))
                .isEqualTo("attachment; filename=\"mex.csv\"; filename*=UTF-8''mex.csv");
    }
}
