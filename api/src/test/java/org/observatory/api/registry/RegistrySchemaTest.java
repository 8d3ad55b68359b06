package org.observatory.api.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.storage.DataDirectory;

/** The registry's schema version, and the migrations that bring an older registry forward when it opens. */
class RegistrySchemaTest {
    /**
     * A registry written by the code of commit f2f378b (main before schema versions: version 1), gzipped. It was made
     * by a throwaway test that called that code's public methods on an empty data directory: {@code addAccount} for
     * a secretariat account (by {@code cli (user operator)}), a MEX analyst (by the secretariat account) and a COL
     * analyst; {@code recordSubmission} of an accepted MEX national file and a rejected population file; {@code
     * decide} (MEX approves its part); {@code saveRun} of a succeeded pipeline run; and one {@code audit} line for
     * that run. The tokens below are the ones {@code addAccount} printed.
     */
    private static final String VERSION_ONE_REGISTRY = "registry-version-1.duckdb.gz";

    private static final String SECRETARIAT = "acct-1afbc4e4ac77";
    private static final String SECRETARIAT_TOKEN = SECRETARIAT + ".LO4gcmWeJHl-fO7G0KeW-l0gwe5rDNlCjRMlJaU8NzY";
    private static final String MEX = "acct-16f0dba9d199";
    private static final String MEX_TOKEN = MEX + ".2XzDnijLdaCNspOmD3eG8iuM_kadcVHgkn217xMSQpE";
    private static final String COL = "acct-e36efc7f2777";
    private static final String COL_TOKEN = COL + ".MZBJ7RxINg7fC7oNujPG0G9dCIy458rcYTJ4FJL1omA";

    @TempDir
    Path root;

    private DataDirectory data() {
        return new DataDirectory(root);
    }

    private Path registryFile() {
        return root.resolve("registry").resolve(Registry.FILE_NAME);
    }

    @Test
    void registryOfTodaysMainOpensWithAccountsAndSubmissionsIntact() throws Exception {
        Files.createDirectories(registryFile().getParent());
        try (InputStream fixture =
                new GZIPInputStream(RegistrySchemaTest.class.getResourceAsStream(VERSION_ONE_REGISTRY))) {
            Files.copy(fixture, registryFile());
        }
        assertThat(tables()).as("the fixture is a registry of version 1").doesNotContain("schema_version");

        try (Registry registry = Registry.open(data())) {
            assertThat(registry.schemaVersion())
                    .isEqualTo(Registry.latestSchemaVersion())
                    .isEqualTo(2);
            assertThat(registry.accounts())
                    .extracting(
                            account -> account.account().accountId(),
                            account -> account.account().role(),
                            account -> account.account().country(),
                            account -> account.account().createdBy(),
                            AccountRecord::expiry,
                            AccountRecord::revokedAt,
                            AccountRecord::rotatedAt)
                    .containsExactly(
                            tuple(MEX, Role.ANALYST, "MEX", SECRETARIAT + " (secretariat)", Expiry.NEVER, null, null),
                            tuple(SECRETARIAT, Role.SECRETARIAT, null, "cli (user operator)", Expiry.NEVER, null, null),
                            tuple(COL, Role.ANALYST, "COL", "cli (user operator)", Expiry.NEVER, null, null));
            assertThat(registry.authenticate(SECRETARIAT_TOKEN).orElseThrow().role())
                    .isEqualTo(Role.SECRETARIAT);
            assertThat(registry.authenticate(MEX_TOKEN).orElseThrow().country()).isEqualTo("MEX");
            assertThat(registry.authenticate(COL_TOKEN).orElseThrow().country()).isEqualTo("COL");

            SubmissionRecord accepted = registry.submission("sub-2f0c1a9e7b3d").orElseThrow();
            assertThat(accepted.accepted()).isTrue();
            assertThat(accepted.sourceKind()).isEqualTo("national");
            assertThat(accepted.country()).isEqualTo("MEX");
            assertThat(accepted.cycle()).isEqualTo(2022);
            assertThat(accepted.countries()).containsExactly("MEX");
            assertThat(accepted.submittedBy()).isEqualTo(MEX);
            assertThat(accepted.submittedAt()).isEqualTo("2026-03-02T10:15:00Z");
            assertThat(accepted.reportJson()).contains("\"rowsAccepted\":3");
            SubmissionRecord rejected = registry.submission("sub-7d1e5b2c9a40").orElseThrow();
            assertThat(rejected.status()).isEqualTo("rejected");
            assertThat(rejected.cycle()).isNull();
            assertThat(rejected.countries()).isEmpty();
            assertThat(rejected.reportJson()).contains("population must be a whole number");

            assertThat(registry.decisions("sub-2f0c1a9e7b3d"))
                    .extracting(ApprovalRecord::country, ApprovalRecord::decision, ApprovalRecord::decidedBy)
                    .containsExactly(tuple("MEX", Decision.APPROVED, MEX + " (analyst MEX)"));
            PipelineRunRecord run = registry.run("run-20260302-120000-abcd").orElseThrow();
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.snapshotId()).isEqualTo("snap-20260302-120030");
            assertThat(run.exitCode()).isZero();

            List<AuditEntry> log = registry.auditLog();
            assertThat(log)
                    .extracting(AuditEntry::action)
                    .containsExactly(
                            "account",
                            "account",
                            "account",
                            "submission",
                            "submission",
                            "approval",
                            "pipeline-run",
                            "schema");
            assertThat(log.get(1).detail()).isEqualTo("created analyst account %s (analyst MEX)".formatted(MEX));
            assertThat(log.get(7).actor()).isEqualTo("registry");
            assertThat(log.get(7).detail())
                    .isEqualTo("migrated the registry from schema version 1 to 2: accounts can be revoked, rotated and"
                            + " expire");

            // the migrated accounts take the new operations
            registry.revoke(COL, SECRETARIAT + " (secretariat)");
            assertThat(registry.verify(COL_TOKEN)).isInstanceOf(Authentication.Revoked.class);
        }
        try (Registry reopened = Registry.open(data())) {
            assertThat(reopened.schemaVersion()).isEqualTo(2);
            assertThat(reopened.auditLog())
                    .extracting(AuditEntry::action)
                    .as("no second migration")
                    .filteredOn("schema"::equals)
                    .hasSize(1);
        }
    }

    @Test
    void aNewRegistryIsAtTheLatestVersionWithoutAMigrationInItsAuditLog() throws Exception {
        try (Registry registry = Registry.open(data())) {
            assertThat(registry.schemaVersion()).isEqualTo(Registry.latestSchemaVersion());
            assertThat(registry.auditLog()).isEmpty();
        }
        assertThat(versions()).containsExactly(1, 2);
    }

    @Test
    void aRegistryOfALaterVersionIsRefusedAndLeftUnchanged() throws Exception {
        try (Registry registry = Registry.open(data())) {
            registry.addAccount(Role.SECRETARIAT, Optional.empty(), "test");
        }
        execute("INSERT INTO schema_version VALUES (3, '2030-01-01T00:00:00Z', 'from the future')");

        assertThatThrownBy(() -> Registry.open(data()))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("The registry %s is at schema version 3, and this release knows versions up to 2: a newer"
                                .formatted(registryFile())
                        + " release of the observatory wrote it. Run that release (or a later one) on this data"
                        + " directory; this one leaves the registry unchanged.")
                .extracting(e -> ((ObservatoryException) e).errorCode())
                .isEqualTo(ErrorCode.STORAGE_FAILURE);
        assertThat(versions()).containsExactly(1, 2, 3);
    }

    @Test
    void migrationsAreNumberedFromTwoInTheOrderTheyApply() {
        assertThat(RegistrySchema.MIGRATIONS)
                .extracting(RegistrySchema.Migration::version)
                .containsExactly(2);
        for (int index = 0; index < RegistrySchema.MIGRATIONS.size(); index++) {
            assertThat(RegistrySchema.MIGRATIONS.get(index).version()).isEqualTo(index + 2);
        }
        assertThat(RegistrySchema.LATEST).isEqualTo(RegistrySchema.MIGRATIONS.size() + 1);
    }

    private List<String> tables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + registryFile());
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT table_name FROM information_schema.tables")) {
            while (row.next()) {
                tables.add(row.getString(1));
            }
        }
        return tables;
    }

    private List<Integer> versions() throws Exception {
        List<Integer> versions = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + registryFile());
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            while (row.next()) {
                versions.add(row.getInt(1));
            }
        }
        return versions;
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + registryFile());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
