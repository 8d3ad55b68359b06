package org.observatory.api.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.storage.DataDirectory;

class RegistryTest {
    @TempDir
    Path root;

    private Registry open() {
        return Registry.open(new DataDirectory(root));
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

    @Test
    void aRevokedAccountsTokenIsRefusedAsRevokedFromTheNextCheckOn() {
        try (Registry registry = open()) {
            registry.addAccount(Role.SECRETARIAT, Optional.empty(), "test");
            NewAccount analyst = registry.addAccount(Role.ANALYST, Optional.of("MEX"), "test");
            assertThat(registry.authenticate(analyst.token())).isPresent();

            AccountRecord revoked = registry.revoke(analyst.account().accountId(), "acct-s (secretariat)");

            assertThat(revoked.status(java.time.Instant.now())).isEqualTo(AccountStatus.REVOKED);
            assertThat(revoked.revokedBy()).isEqualTo("acct-s (secretariat)");
            assertThat(registry.authenticate(analyst.token())).isEmpty();
            assertThat(registry.verify(analyst.token()))
                    .isEqualTo(new Authentication.Revoked(analyst.account().accountId(), revoked.revokedAt()));
            assertThat(registry.verify(analyst.token() + "x"))
                    .as("a wrong secret learns nothing of the account")
                    .isEqualTo(new Authentication.NoAccount());
        }
    }

    @Test
    void aRevocationIsFinal() {
        try (Registry registry = open()) {
            registry.addAccount(Role.SECRETARIAT, Optional.empty(), "test");
            String analyst = registry.addAccount(Role.ANALYST, Optional.of("MEX"), "test")
                    .account()
                    .accountId();
            AccountRecord revoked = registry.revoke(analyst, "acct-s (secretariat)");

            assertThatThrownBy(() -> registry.revoke(analyst, "acct-s (secretariat)"))
                    .isInstanceOf(ObservatoryException.class)
                    .hasMessage("Account %s (analyst MEX) was revoked already, on %s by acct-s (secretariat); a"
                                    .formatted(analyst, revoked.revokedAt())
                            + " revocation is final");
            assertThatThrownBy(() -> registry.rotate(analyst, Optional.empty(), "acct-s (secretariat)"))
                    .isInstanceOf(ObservatoryException.class)
                    .hasMessage("Account %s (analyst MEX) was revoked on %s by acct-s (secretariat) and gets no new"
                                    .formatted(analyst, revoked.revokedAt())
                            + " token; a revocation is final. Create a new account for its owner instead");
            assertThatThrownBy(() -> registry.revoke("acct-000000000000", "test"))
                    .isInstanceOf(ObservatoryException.class)
                    .hasMessage("No account 'acct-000000000000' in the registry; the listing of accounts (GET"
                            + " /api/v1/accounts, or ./observatory accounts list) shows their ids");
        }
    }

    @Test
    void aRotatedTokenIsRefusedAsReplacedAndItsSuccessorAuthenticates() {
        try (Registry registry = open()) {
            NewAccount analyst = registry.addAccount(Role.ANALYST, Optional.of("MEX"), "test");
            String accountId = analyst.account().accountId();

            NewAccount rotated = registry.rotate(accountId, Optional.empty(), accountId + " (analyst MEX)");

            assertThat(rotated.token()).startsWith(accountId + ".").isNotEqualTo(analyst.token());
            assertThat(rotated.account()).isEqualTo(analyst.account());
            assertThat(registry.authenticate(rotated.token())).contains(analyst.account());
            AccountRecord record = registry.account(accountId).orElseThrow();
            assertThat(record.rotatedBy()).isEqualTo(accountId + " (analyst MEX)");
            assertThat(registry.verify(analyst.token()))
                    .isEqualTo(new Authentication.Replaced(accountId, record.rotatedAt()));

            NewAccount again = registry.rotate(accountId, Optional.empty(), "test");
            assertThat(registry.verify(analyst.token()))
                    .as("only the token the last rotation replaced is remembered")
                    .isEqualTo(new Authentication.NoAccount());
            assertThat(registry.verify(rotated.token())).isInstanceOf(Authentication.Replaced.class);
            assertThat(registry.authenticate(again.token())).isPresent();
            assertThat(registry.tokenHashes().values()).doesNotContain(analyst.token(), rotated.token(), again.token());
        }
    }

    @Test
    void anExpiredTokenIsRefusedAsExpiredAndARotationNeedsANewExpiry() {
        java.time.Instant past = java.time.Instant.now().minusSeconds(60);
        java.time.Instant future = java.time.Instant.now().plusSeconds(3_600);
        try (Registry registry = open()) {
            NewAccount expired = registry.addAccount(Role.ANALYST, Optional.of("MEX"), Expiry.at(past), "test");
            NewAccount valid = registry.addAccount(Role.ANALYST, Optional.of("COL"), Expiry.at(future), "test");
            String accountId = expired.account().accountId();

            assertThat(registry.verify(expired.token()))
                    .isEqualTo(new Authentication.Expired(accountId, past.toString()));
            assertThat(registry.authenticate(valid.token())).isPresent();
            assertThat(registry.account(accountId).orElseThrow().status(java.time.Instant.now()))
                    .isEqualTo(AccountStatus.EXPIRED);
            assertThatThrownBy(() -> registry.rotate(accountId, Optional.empty(), "test"))
                    .isInstanceOf(ObservatoryException.class)
                    .hasMessage("Account %s (analyst MEX) expired at %s; give the new token an expiry (--expires on the"
                                    .formatted(accountId, past)
                            + " command line, \"expires\" in the body of the API's request): the day the token stops"
                            + " working as YYYY-MM-DD (UTC), e.g. 2027-01-01, or never");

            NewAccount renewed = registry.rotate(accountId, Optional.of(Expiry.at(future)), "test");

            assertThat(renewed.expiry()).isEqualTo(Expiry.at(future));
            assertThat(registry.authenticate(renewed.token())).isPresent();
            NewAccount kept = registry.rotate(valid.account().accountId(), Optional.empty(), "test");
            assertThat(kept.expiry()).as("a rotation keeps the expiry").isEqualTo(Expiry.at(future));
            NewAccount cleared = registry.rotate(valid.account().accountId(), Optional.of(Expiry.NEVER), "test");
            assertThat(registry.account(cleared.account().accountId())
                            .orElseThrow()
                            .expiry())
                    .isEqualTo(Expiry.NEVER);
        }
    }

    @Test
    void theLastSecretariatAccountWhoseTokenWorksCannotBeRevoked() {
        try (Registry registry = open()) {
            String first = registry.addAccount(Role.SECRETARIAT, Optional.empty(), "test")
                    .account()
                    .accountId();
            registry.addAccount(
                    Role.SECRETARIAT,
                    Optional.empty(),
                    Expiry.at(java.time.Instant.now().minusSeconds(1)),
                    "test");

            assertThatThrownBy(() -> registry.revoke(first, "test"))
                    .isInstanceOf(ObservatoryException.class)
                    .hasMessage("Account %s (secretariat) is the last secretariat account whose token works; without it"
                                    .formatted(first)
                            + " nobody could manage accounts through the API. Create another secretariat account first,"
                            + " then revoke this one; to replace a leaked token, rotate it instead");

            registry.addAccount(Role.SECRETARIAT, Optional.empty(), "test");
            assertThat(registry.revoke(first, "test").revokedAt()).isNotNull();
        }
    }

    @Test
    void revocationsAndRotationsAreAuditedWithoutTokens() {
        try (Registry registry = open()) {
            registry.addAccount(Role.SECRETARIAT, Optional.empty(), "test");
            NewAccount analyst = registry.addAccount(
                    Role.ANALYST,
                    Optional.of("MEX"),
                    Expiry.at(java.time.Instant.parse("2099-01-01T00:00:00Z")),
                    "acct-s (secretariat)");
            String accountId = analyst.account().accountId();
            NewAccount rotated = registry.rotate(accountId, Optional.empty(), "acct-s (secretariat)");
            NewAccount renewed = registry.rotate(accountId, Optional.of(Expiry.NEVER), "acct-s (secretariat)");
            registry.revoke(accountId, "acct-s (secretariat)");

            List<AuditEntry> log = registry.auditLog().subList(1, 5);

            assertThat(log)
                    .extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::target, AuditEntry::detail)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "acct-s (secretariat)",
                                    "account",
                                    accountId,
                                    "created analyst account %s (analyst MEX); expires 2099-01-01T00:00:00Z"
                                            .formatted(accountId)),
                            org.assertj.core.groups.Tuple.tuple(
                                    "acct-s (secretariat)",
                                    "account",
                                    accountId,
                                    "rotated the token of analyst account %s (analyst MEX); the previous token no"
                                                    .formatted(accountId)
                                            + " longer works"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "acct-s (secretariat)",
                                    "account",
                                    accountId,
                                    "rotated the token of analyst account %s (analyst MEX); the previous token no"
                                                    .formatted(accountId)
                                            + " longer works; no expiry"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "acct-s (secretariat)",
                                    "account",
                                    accountId,
                                    "revoked analyst account %s (analyst MEX); its token no longer works"
                                            .formatted(accountId)));
            assertThat(log.toString()).doesNotContain(analyst.token(), rotated.token(), renewed.token());
        }
    }

    @Test
    void listingNeverShowsTokensOrHashes() {
        try (Registry registry = open()) {
            NewAccount secretariat = registry.addAccount(Role.SECRETARIAT, Optional.empty(), "test");
            NewAccount analyst = registry.addAccount(Role.ANALYST, Optional.of("MEX"), "test");
            NewAccount rotated = registry.rotate(analyst.account().accountId(), Optional.empty(), "test");

            List<java.util.Map<String, Object>> views = registry.accounts().stream()
                    .map(account -> account.view(java.time.Instant.now()))
                    .toList();

            assertThat(views)
                    .extracting(view -> view.get("accountId"))
                    .containsExactly(java.util.stream.Stream.of(
                                    secretariat.account().accountId(),
                                    analyst.account().accountId())
                            .sorted()
                            .toArray());
            assertThat(views.get(0).keySet())
                    .containsExactly(
                            "accountId",
                            "role",
                            "country",
                            "status",
                            "createdAt",
                            "createdBy",
                            "expiresAt",
                            "revokedAt",
                            "revokedBy",
                            "rotatedAt",
                            "rotatedBy");
            String text = views.toString();
            assertThat(text).doesNotContain(secretariat.token(), analyst.token(), rotated.token());
            registry.tokenHashes().values().forEach(hash -> assertThat(text).doesNotContain(hash));
        }
    }

    private static SubmissionRecord submission(String by, String at) {
        return new SubmissionRecord(
                "sub-1", "accepted", "national", "MEX", 2022, "mex.csv", "abc", List.of("MEX"), by, at, "{}");
    }
}
