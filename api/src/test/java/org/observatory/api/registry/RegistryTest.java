package org.observatory.api.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.schemas.storage.DataDirectory;

class RegistryTest {
    @TempDir
    Path root;

    private Registry open() {
        return Registry.open(new DataDirectory(root), "Do something else.");
    }

    @Test
    void keepsOnlyTheHashOfATokenAndAuthenticatesTheTokenItself() throws Exception {
        NewAccount created;
        try (Registry registry = open()) {
            created = registry.addAccount(Role.ANALYST, Optional.of("MEX"), "cli (user test)");
            assertThat(created.token()).startsWith(created.account().accountId() + ".");
            assertThat(created.token().length())
                    .isGreaterThan(created.account().accountId().length() + 40);
            assertThat(registry.tokenHashes().get(created.account().accountId()))
                    .isEqualTo(Tokens.sha256(created.token()))
                    .isNotEqualTo(created.token());
        }
        byte[] file = Files.readAllBytes(root.resolve("registry").resolve(Registry.FILE_NAME));
        String secret = created.token().substring(created.token().indexOf('.') + 1);
        assertThat(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(secret);

        try (Registry registry = open()) {
            Account account = registry.authenticate(created.token()).orElseThrow();
            assertThat(account.role()).isEqualTo(Role.ANALYST);
            assertThat(account.country()).isEqualTo("MEX");
            assertThat(account.createdBy()).isEqualTo("cli (user test)");
            String wrongSecret = created.token().substring(0, created.token().length() - 1)
                    + (created.token().endsWith("A") ? "B" : "A");
            assertThat(registry.authenticate(wrongSecret)).isEmpty();
            assertThat(registry.authenticate("acct-000000000000.whatever")).isEmpty();
            assertThat(registry.authenticate("not a token")).isEmpty();
        }
    }

    @Test
    void auditsAccountCreationWithoutTheToken() {
        try (Registry registry = open()) {
            NewAccount created = registry.addAccount(Role.SECRETARIAT, Optional.empty(), "cli (user test)");

            List<AuditEntry> log = registry.auditLog();

            assertThat(log).hasSize(1);
            assertThat(log.get(0).actor()).isEqualTo("cli (user test)");
            assertThat(log.get(0).action()).isEqualTo("account");
            assertThat(log.get(0).target()).isEqualTo(created.account().accountId());
            assertThat(log.get(0).detail())
                    .isEqualTo("created secretariat account %s (secretariat)"
                            .formatted(created.account().accountId()))
                    .doesNotContain(created.token());
        }
    }

    @Test
    void theSameSubmissionRecordedTwiceStaysOneSubmissionWithItsFirstSubmitter() {
        try (Registry registry = open()) {
            registry.recordSubmission(submission("acct-a", "2026-01-01T00:00:00Z"), "acct-a (analyst MEX)");
            SubmissionRecord again =
                    registry.recordSubmission(submission("acct-b", "2026-02-01T00:00:00Z"), "acct-b (analyst MEX)");

            assertThat(again.submittedBy()).isEqualTo("acct-a");
            assertThat(again.submittedAt()).isEqualTo("2026-01-01T00:00:00Z");
            assertThat(again.countries()).containsExactly("MEX");
            assertThat(registry.auditLog())
                    .extracting(AuditEntry::detail)
                    .containsExactly(
                            "accepted national file 'mex.csv' for MEX, cycle 2022 (sha256 abc)",
                            "accepted national file 'mex.csv' for MEX, cycle 2022 (sha256 abc); the same bytes were"
                                    + " submitted before");
        }
    }

    @Test
    void aLaterDecisionReplacesTheEarlierOneAndSurvivesReopening() {
        try (Registry registry = open()) {
            registry.decide("sub-1", "MEX", Decision.APPROVED, "acct-a (analyst MEX)");
            registry.decide("sub-1", "MEX", Decision.WITHDRAWN, "acct-a (analyst MEX)");
            registry.decide("sub-1", "COL", Decision.APPROVED, "acct-c (analyst COL)");
        }
        try (Registry registry = open()) {
            Approvals approvals = registry.approvals();
            assertThat(approvals.decision("sub-1", "MEX")).contains(Decision.WITHDRAWN);
            assertThat(approvals.publishes(ApprovalPolicy.REQUIRED, "sub-1", "COL"))
                    .isTrue();
            assertThat(approvals.publishes(ApprovalPolicy.REQUIRED, "sub-1", "JAM"))
                    .isFalse();
            assertThat(approvals.publishes(ApprovalPolicy.AUTOMATIC, "sub-1", "JAM"))
                    .isTrue();
            assertThat(approvals.publishes(ApprovalPolicy.AUTOMATIC, "sub-1", "MEX"))
                    .isFalse();
            assertThat(registry.decisions("sub-1"))
                    .extracting(ApprovalRecord::country, ApprovalRecord::decision)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("COL", Decision.APPROVED),
                            org.assertj.core.groups.Tuple.tuple("MEX", Decision.WITHDRAWN));
            assertThat(registry.auditLog())
                    .extracting(AuditEntry::action)
                    .containsExactly("approval", "withdrawal", "approval");
        }
    }

    @Test
    void anAccountNeedsACountryExactlyWhenItIsAnAnalyst() {
        try (Registry registry = open()) {
            assertThatThrownBy(() -> registry.addAccount(Role.ANALYST, Optional.empty(), "test"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("an analyst account has a country and a secretariat account none: ANALYST null");
        }
    }

    private static SubmissionRecord submission(String by, String at) {
        return new SubmissionRecord(
                "sub-1", "accepted", "national", "MEX", 2022, "mex.csv", "abc", List.of("MEX"), by, at, "{}");
    }
}
