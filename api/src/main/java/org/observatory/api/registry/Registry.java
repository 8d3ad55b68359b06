package org.observatory.api.registry;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.text.Message;

/**
 * The registry of one data directory ({@code <data>/registry/registry.duckdb}): accounts (token hashes, never
 * tokens), submissions with their validation reports, each country's decision about its part of a submission,
 * pipeline runs started through the API, and the audit log. DuckDB lets one process write a database file at a
 * time, so whoever opens the registry is its writer until {@link #close()}: the running server, or a command when
 * no server runs. Opening it while another process holds it fails with {@link ErrorCode#REGISTRY_IN_USE}, naming
 * that process. Opening it also migrates an older registry to this code's schema version ({@link RegistrySchema}).
 * Methods are synchronised: one connection, few and small writes.
 */
public final class Registry implements AutoCloseable {
    public static final String FILE_NAME = "registry.duckdb";

    private static final Pattern LOCK_HOLDER = Pattern.compile("\\(PID (\\d+)\\)");

    private final Connection connection;

    private Registry(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens (creating if needed) the registry of the data directory; while another process holds it, the message says
     * to wait until that process has finished.
     *
     * @throws ObservatoryException {@code REGISTRY_IN_USE} when another process holds it
     */
    public static Registry open(DataDirectory data) {
        return open(data, Message.of(ApiMessage.REGISTRY_WAIT));
    }

    /**
     * Opens (creating if needed) the registry of the data directory.
     *
     * @param whatToDoInstead the last sentence of the message when another process holds the registry, rendered in
     *     the reader's language with the rest of it, e.g. a command's hint to use {@code POST /api/v1/accounts} on
     *     the running server
     * @throws ObservatoryException {@code REGISTRY_IN_USE} when another process holds it
     */
    public static Registry open(DataDirectory data, Message whatToDoInstead) {
        requireNonNull(data, "data is null");
        requireNonNull(whatToDoInstead, "whatToDoInstead is null");
        Path file = data.registry().resolve(FILE_NAME);
        try {
            Files.createDirectories(data.registry());
        } catch (IOException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    Message.of(
                            ApiMessage.REGISTRY_DIRECTORY_FAILED,
                            "directory",
                            data.registry().toString(),
                            "reason",
                            String.valueOf(e.getMessage())),
                    e);
        }
        Connection connection;
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:" + file);
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("Could not set lock") || message.contains("Conflicting lock")) {
                Matcher holder = LOCK_HOLDER.matcher(message);
                Message process = holder.find()
                        ? Message.of(ApiMessage.REGISTRY_PROCESS, "pid", holder.group(1))
                        : Message.of(ApiMessage.REGISTRY_ANOTHER_PROCESS);
                throw new ObservatoryException(
                        ErrorCode.REGISTRY_IN_USE,
                        Message.of(
                                ApiMessage.REGISTRY_IN_USE,
                                "directory",
                                data.root().toString(),
                                "process",
                                process,
                                "instead",
                                whatToDoInstead),
                        e);
            }
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    Message.of(
                            ApiMessage.REGISTRY_OPEN_FAILED,
                            "file",
                            file.toString(),
                            "reason",
                            message.lines().findFirst().orElse("")),
                    e);
        }
        Registry registry = new Registry(connection);
        try {
            registry.prepareSchema(file);
        } catch (SQLException e) {
            registry.close();
            throw failure("create the registry's tables", e);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    private void createTables() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    """
                    CREATE TABLE IF NOT EXISTS accounts (
                        account_id VARCHAR PRIMARY KEY, role VARCHAR NOT NULL, country VARCHAR,
                        token_sha256 VARCHAR NOT NULL, created_at VARCHAR NOT NULL, created_by VARCHAR NOT NULL)""");
            statement.execute(
                    """
                    CREATE TABLE IF NOT EXISTS submissions (
                        submission_id VARCHAR PRIMARY KEY, status VARCHAR NOT NULL, source_kind VARCHAR NOT NULL,
                        country VARCHAR, cycle INTEGER, file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
                        countries VARCHAR NOT NULL, submitted_by VARCHAR NOT NULL, submitted_at VARCHAR NOT NULL,
                        report VARCHAR NOT NULL)""");
            statement.execute(
                    """
                    CREATE TABLE IF NOT EXISTS approvals (
                        submission_id VARCHAR NOT NULL, country VARCHAR NOT NULL, decision VARCHAR NOT NULL,
                        decided_by VARCHAR NOT NULL, decided_at VARCHAR NOT NULL,
                        PRIMARY KEY (submission_id, country))""");
            statement.execute(
                    """
                    CREATE TABLE IF NOT EXISTS pipeline_runs (
                        run_id VARCHAR PRIMARY KEY, status VARCHAR NOT NULL, requested_by VARCHAR NOT NULL,
                        requested_at VARCHAR NOT NULL, started_at VARCHAR, finished_at VARCHAR, exit_code INTEGER,
                        snapshot_id VARCHAR, message VARCHAR)""");
            statement.execute("CREATE SEQUENCE IF NOT EXISTS audit_sequence START 1");
            statement.execute(
                    """
                    CREATE TABLE IF NOT EXISTS audit_log (
                        entry_id BIGINT PRIMARY KEY DEFAULT nextval('audit_sequence'), recorded_at VARCHAR NOT NULL,
                        actor VARCHAR NOT NULL, action VARCHAR NOT NULL, target VARCHAR NOT NULL,
                        detail VARCHAR NOT NULL)""");
        }
    }

    // schema versions

    /**
     * Creates the version-1 tables of a new registry and brings the schema to {@link RegistrySchema#LATEST}. A
     * registry without a {@code schema_version} table is at version 1 (as written before versions were kept). Each
     * migration runs in one transaction with its version's row and, in a registry that held data, an audit entry:
     * the registry is at one version or the next, never in between. A registry of a later version than this code
     * knows is refused before anything is written to it.
     */
    private void prepareSchema(Path file) throws SQLException {
        if (tableExists("schema_version") && schemaVersion() > RegistrySchema.LATEST) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    ("The registry %s is at schema version %d, and this release knows versions up to %d: a newer"
                                    + " release of the observatory wrote it. Run that release (or a later one) on this"
                                    + " data directory; this one leaves the registry unchanged.")
                            .formatted(file, schemaVersion(), RegistrySchema.LATEST));
        }
        boolean holdsData = tableExists("accounts");
        createTables();
        if (!tableExists("schema_version")) {
            inTransaction(() -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(RegistrySchema.VERSION_TABLE);
                }
                recordVersion(1, RegistrySchema.VERSION_ONE);
            });
        }
        int version = schemaVersion();
        for (RegistrySchema.Migration migration : RegistrySchema.MIGRATIONS) {
            if (migration.version() <= version) {
                continue;
            }
            int from = version;
            try {
                inTransaction(() -> {
                    try (Statement statement = connection.createStatement()) {
                        for (String sql : migration.statements()) {
                            statement.execute(sql);
                        }
                    }
                    recordVersion(migration.version(), migration.description());
                    if (holdsData) {
                        audit(
                                "registry",
                                "schema",
                                "version " + migration.version(),
                                "migrated the registry from schema version %d to %d: %s"
                                        .formatted(from, migration.version(), migration.description()));
                    }
                });
            } catch (SQLException | RuntimeException e) {
                throw new ObservatoryException(
                        ErrorCode.STORAGE_FAILURE,
                        ("Cannot migrate the registry %s from schema version %d to %d (%s): %s. It stays at version"
                                        + " %d; keep a copy of the registry directory and report this to the"
                                        + " observatory's maintainers.")
                                .formatted(
                                        file, from, migration.version(), migration.description(), e.getMessage(), from),
                        e);
            }
            version = migration.version();
        }
    }

    /** The registry's schema version: the highest it reached. */
    public synchronized int schemaVersion() {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT max(version) FROM schema_version")) {
            row.next();
            return row.getInt(1);
        } catch (SQLException e) {
            throw failure("read the schema version", e);
        }
    }

    /** The schema version this code writes (and migrates older registries to). */
    public static int latestSchemaVersion() {
        return RegistrySchema.LATEST;
    }

    private void recordVersion(int version, String description) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?)")) {
            insert.setInt(1, version);
            insert.setString(2, now());
            insert.setString(3, description);
            insert.executeUpdate();
        }
    }

    private boolean tableExists(String table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ?")) {
            select.setString(1, table);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1) > 0;
            }
        }
    }

    private interface Work {
        void run() throws SQLException;
    }

    /** Runs the work in one transaction: all of it is committed, or none. */
    private void inTransaction(Work work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    // accounts

    /**
     * Creates an account without an expiry and answers with its token, which exists nowhere else afterwards (the
     * registry keeps its SHA-256). An analyst needs a country (ISO alpha-3, checked by the caller against the
     * member list); the secretariat has none. The creation is audited.
     */
    public synchronized NewAccount addAccount(Role role, Optional<String> country, String actor) {
        return addAccount(role, country, Expiry.NEVER, actor);
    }

    /** Creates an account whose token stops working at the expiry, as {@link #addAccount(Role, Optional, String)}. */
    public synchronized NewAccount addAccount(Role role, Optional<String> country, Expiry expiry, String actor) {
        requireNonNull(role, "role is null");
        requireNonNull(country, "country is null");
        requireNonNull(expiry, "expiry is null");
        requireNonNull(actor, "actor is null");
        String accountId = Tokens.newAccountId();
        Account account = new Account(accountId, role, country.orElse(null), now(), actor);
        String token = Tokens.newToken(accountId);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO accounts (account_id, role, country, token_sha256, created_at, created_by, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, accountId);
            insert.setString(2, role.wireName());
            insert.setString(3, account.country());
            insert.setString(4, Tokens.sha256(token));
            insert.setString(5, account.createdAt());
            insert.setString(6, actor);
            insert.setString(7, expiry.at().map(Instant::toString).orElse(null));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw failure("add an account", e);
        }
        audit(
                actor,
                "account",
                accountId,
                "created %s account %s%s"
                        .formatted(
                                role.wireName(),
                                account.describe(),
                                expiry.at().isPresent() ? "; " + expiry.describe() : ""));
        return new NewAccount(account, token, expiry);
    }

    /** The account whose token this is, when it may act: empty for every other {@link #verify(String) outcome}. */
    public synchronized Optional<Account> authenticate(String token) {
        return verify(token) instanceof Authentication.Authenticated authenticated
                ? Optional.of(authenticated.account())
                : Optional.empty();
    }

    /**
     * What the registry knows of a token, checked against the account's current state on every call: a revocation
     * or a rotation takes effect on the next request. The token's SHA-256 is compared in constant time with the
     * account's current token and with the one a rotation replaced.
     */
    public synchronized Authentication verify(String token) {
        requireNonNull(token, "token is null");
        String presented = token.strip();
        Optional<String> accountId = Tokens.accountId(presented);
        if (accountId.isEmpty()) {
            return new Authentication.NoAccount();
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM accounts WHERE account_id = ?")) {
            select.setString(1, accountId.get());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return new Authentication.NoAccount();
                }
                boolean current = Tokens.matches(presented, row.getString("token_sha256"));
                String previousHash = row.getString("previous_token_sha256");
                boolean previous = previousHash != null && Tokens.matches(presented, previousHash);
                if (!current && !previous) {
                    return new Authentication.NoAccount();
                }
                AccountRecord record = accountRecord(row);
                if (record.revokedAt() != null) {
                    return new Authentication.Revoked(record.accountId(), record.revokedAt());
                }
                if (previous) {
                    return new Authentication.Replaced(record.accountId(), record.rotatedAt());
                }
                if (record.expiry().isOver(Instant.now())) {
                    return new Authentication.Expired(
                            record.accountId(),
                            record.expiry().at().orElseThrow().toString());
                }
                return new Authentication.Authenticated(record.account());
            }
        } catch (SQLException e) {
            throw failure("look up an account", e);
        }
    }

    /** Every account with its expiry, revocation and last rotation, ordered by id (never a token or its hash). */
    public synchronized List<AccountRecord> accounts() {
        List<AccountRecord> accounts = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT * FROM accounts ORDER BY account_id")) {
            while (row.next()) {
                accounts.add(accountRecord(row));
            }
        } catch (SQLException e) {
            throw failure("list the accounts", e);
        }
        return accounts;
    }

    public synchronized Optional<AccountRecord> account(String accountId) {
        requireNonNull(accountId, "accountId is null");
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM accounts WHERE account_id = ?")) {
            select.setString(1, accountId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(accountRecord(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read account " + accountId, e);
        }
    }

    /**
     * Revokes an account: its token no longer works from the next request on, and no rotation gives it a new one
     * (a revocation is final; the owner gets a new account). Audited.
     *
     * @throws ObservatoryException {@code NOT_FOUND} for no such account; {@code CONFLICT} when it is revoked
     *     already, or is the last secretariat account that works (nobody could manage accounts through the API)
     */
    public synchronized AccountRecord revoke(String accountId, String actor) {
        requireNonNull(actor, "actor is null");
        AccountRecord account = existingAccount(accountId);
        if (account.revokedAt() != null) {
            throw new ObservatoryException(
                    ErrorCode.CONFLICT,
                    Message.of(
                            ApiMessage.ACCOUNT_REVOKED_ALREADY,
                            "account",
                            account.account().describe(),
                            "at",
                            String.valueOf(account.revokedAt()),
                            "by",
                            String.valueOf(account.revokedBy())));
        }
        Instant now = Instant.now();
        if (account.account().role() == Role.SECRETARIAT
                && account.status(now) == AccountStatus.ACTIVE
                && accounts().stream()
                                .filter(other -> other.account().role() == Role.SECRETARIAT)
                                .filter(other -> other.status(now) == AccountStatus.ACTIVE)
                                .count()
                        == 1) {
            throw new ObservatoryException(
                    ErrorCode.CONFLICT,
                    Message.of(
                            ApiMessage.ACCOUNT_LAST_SECRETARIAT,
                            "account",
                            account.account().describe()));
        }
        String at = now.toString();
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE accounts SET revoked_at = ?, revoked_by = ? WHERE account_id = ?")) {
            update.setString(1, at);
            update.setString(2, actor);
            update.setString(3, accountId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw failure("revoke account " + accountId, e);
        }
        audit(
                actor,
                "account",
                accountId,
                "revoked %s account %s; its token no longer works"
                        .formatted(
                                account.account().role().wireName(),
                                account.account().describe()));
        return existingAccount(accountId);
    }

    /**
     * Gives an account a new token and answers with it (shown this once): the previous token no longer works from
     * the next request on. The expiry stays as it was unless a new one is given; an account whose expiry is over
     * needs a new one. Audited.
     *
     * @throws ObservatoryException {@code NOT_FOUND} for no such account; {@code CONFLICT} when it is revoked, or
     *     expired and no new expiry is given
     */
    public synchronized NewAccount rotate(String accountId, Optional<Expiry> newExpiry, String actor) {
        requireNonNull(newExpiry, "newExpiry is null");
        requireNonNull(actor, "actor is null");
        AccountRecord account = existingAccount(accountId);
        if (account.revokedAt() != null) {
            throw new ObservatoryException(
                    ErrorCode.CONFLICT,
                    Message.of(
                            ApiMessage.ACCOUNT_REVOKED_NO_TOKEN,
                            "account",
                            account.account().describe(),
                            "at",
                            String.valueOf(account.revokedAt()),
                            "by",
                            String.valueOf(account.revokedBy())));
        }
        Instant now = Instant.now();
        if (newExpiry.isPresent() && newExpiry.get().isOver(now)) {
            throw new IllegalArgumentException("The new expiry (%s) is over; give one in the future"
                    .formatted(newExpiry.get().describe()));
        }
        Expiry expiry = newExpiry.orElse(account.expiry());
        if (expiry.isOver(now)) {
            throw new ObservatoryException(
                    ErrorCode.CONFLICT,
                    Message.of(
                            ApiMessage.ACCOUNT_EXPIRED,
                            "account",
                            account.account().describe(),
                            "at",
                            String.valueOf(account.expiry().at().orElseThrow()),
                            "format",
                            Message.of(ApiMessage.EXPIRY_FORMAT)));
        }
        String token = Tokens.newToken(accountId);
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE accounts SET previous_token_sha256 = token_sha256, token_sha256 = ?, rotated_at = ?,"
                        + " rotated_by = ?, expires_at = ? WHERE account_id = ?")) {
            update.setString(1, Tokens.sha256(token));
            update.setString(2, now.toString());
            update.setString(3, actor);
            update.setString(4, expiry.at().map(Instant::toString).orElse(null));
            update.setString(5, accountId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw failure("rotate the token of account " + accountId, e);
        }
        audit(
                actor,
                "account",
                accountId,
                "rotated the token of %s account %s; the previous token no longer works%s"
                        .formatted(
                                account.account().role().wireName(),
                                account.account().describe(),
                                newExpiry.isPresent() ? "; " + expiry.describe() : ""));
        return new NewAccount(account.account(), token, expiry);
    }

    private AccountRecord existingAccount(String accountId) {
        requireNonNull(accountId, "accountId is null");
        return account(accountId)
                .orElseThrow(() -> new ObservatoryException(
                        ErrorCode.NOT_FOUND, Message.of(ApiMessage.ACCOUNT_NOT_FOUND, "id", accountId)));
    }

    private static AccountRecord accountRecord(ResultSet row) throws SQLException {
        String expiresAt = row.getString("expires_at");
        return new AccountRecord(
                new Account(
                        row.getString("account_id"),
                        Role.fromWireName(row.getString("role")),
                        row.getString("country"),
                        row.getString("created_at"),
                        row.getString("created_by")),
                expiresAt == null ? Expiry.NEVER : Expiry.at(Instant.parse(expiresAt)),
                row.getString("revoked_at"),
                row.getString("revoked_by"),
                row.getString("rotated_at"),
                row.getString("rotated_by"));
    }

    /** The token hashes as stored, by account id: for tests proving that no token is kept. */
    synchronized Map<String, String> tokenHashes() {
        Map<String, String> hashes = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT account_id, token_sha256 FROM accounts")) {
            while (row.next()) {
                hashes.put(row.getString(1), row.getString(2));
            }
        } catch (SQLException e) {
            throw failure("read the accounts", e);
        }
        return hashes;
    }

    // submissions

    /**
     * Records an upload's outcome. The same submission id again (the same bytes declared the same way) stays one
     * submission: its first submitter and time are kept, and the outcome is updated only if it was rejected
     * before. Audited either way, naming every country the file's rows touch (those with rows that passed their
     * checks, and those whose rows were refused as not the declared country's, as the report counts them) unless
     * that is the declared country alone; answers the submission as now recorded.
     */
    public synchronized SubmissionRecord recordSubmission(SubmissionRecord upload, String actor) {
        requireNonNull(upload, "upload is null");
        requireNonNull(actor, "actor is null");
        String countries = TouchedCountries.describe(upload);
        Optional<SubmissionRecord> earlier = submission(upload.submissionId());
        try {
            if (earlier.isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO submissions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, upload.submissionId());
                    insert.setString(2, upload.status());
                    insert.setString(3, upload.sourceKind());
                    insert.setString(4, upload.country());
                    if (upload.cycle() == null) {
                        insert.setNull(5, Types.INTEGER);
                    } else {
                        insert.setInt(5, upload.cycle());
                    }
                    insert.setString(6, upload.fileName());
                    insert.setString(7, upload.sha256());
                    insert.setString(8, String.join(",", upload.countries()));
                    insert.setString(9, upload.submittedBy());
                    insert.setString(10, upload.submittedAt());
                    insert.setString(11, upload.reportJson());
                    insert.executeUpdate();
                }
            } else if (!earlier.get().accepted()) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE submissions SET status = ?, countries = ?, report = ? WHERE submission_id = ?")) {
                    update.setString(1, upload.status());
                    update.setString(2, String.join(",", upload.countries()));
                    update.setString(3, upload.reportJson());
                    update.setString(4, upload.submissionId());
                    update.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw failure("record submission " + upload.submissionId(), e);
        }
        audit(
                actor,
                "submission",
                upload.submissionId(),
                "%s %s file '%s'%s%s (sha256 %s)%s%s"
                        .formatted(
                                upload.status(),
                                upload.sourceKind(),
                                upload.fileName(),
                                upload.country() == null ? "" : " for " + upload.country(),
                                upload.cycle() == null ? "" : ", cycle " + upload.cycle(),
                                upload.sha256(),
                                countries,
                                earlier.isPresent() ? "; the same bytes were submitted before" : ""));
        return submission(upload.submissionId()).orElseThrow();
    }

    public synchronized Optional<SubmissionRecord> submission(String submissionId) {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT * FROM submissions WHERE submission_id = ?")) {
            select.setString(1, submissionId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(submission(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read submission " + submissionId, e);
        }
    }

    /** Every submission, newest first (by time of first submission, then by id, descending). */
    public synchronized List<SubmissionRecord> submissionsNewestFirst() {
        List<SubmissionRecord> submissions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT * FROM submissions ORDER BY submitted_at DESC, submission_id DESC")) {
            while (row.next()) {
                submissions.add(submission(row));
            }
        } catch (SQLException e) {
            throw failure("read the submissions", e);
        }
        return submissions;
    }

    private static SubmissionRecord submission(ResultSet row) throws SQLException {
        int cycle = row.getInt("cycle");
        Integer cycleOrNull = row.wasNull() ? null : cycle;
        String countries = row.getString("countries");
        return new SubmissionRecord(
                row.getString("submission_id"),
                row.getString("status"),
                row.getString("source_kind"),
                row.getString("country"),
                cycleOrNull,
                row.getString("file_name"),
                row.getString("sha256"),
                countries.isEmpty() ? List.of() : Arrays.asList(countries.split(",")),
                row.getString("submitted_by"),
                row.getString("submitted_at"),
                row.getString("report"));
    }

    // approvals

    /** Records a country's decision about its part of a submission (replacing its earlier one), audited. */
    public synchronized ApprovalRecord decide(String submissionId, String country, Decision decision, String actor) {
        ApprovalRecord record = new ApprovalRecord(submissionId, country, decision, actor, now());
        try (PreparedStatement upsert =
                connection.prepareStatement("INSERT OR REPLACE INTO approvals VALUES (?, ?, ?, ?, ?)")) {
            upsert.setString(1, submissionId);
            upsert.setString(2, country);
            upsert.setString(3, decision.wireName());
            upsert.setString(4, actor);
            upsert.setString(5, record.decidedAt());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw failure("record the decision about " + submissionId, e);
        }
        audit(
                actor,
                decision == Decision.APPROVED ? "approval" : "withdrawal",
                submissionId,
                "%s %s's part of submission %s".formatted(decision.wireName(), country, submissionId));
        return record;
    }

    /** The decisions about one submission, ordered by country. */
    public synchronized List<ApprovalRecord> decisions(String submissionId) {
        List<ApprovalRecord> records = new ArrayList<>();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT * FROM approvals WHERE submission_id = ? ORDER BY country")) {
            select.setString(1, submissionId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    records.add(approval(row));
                }
            }
        } catch (SQLException e) {
            throw failure("read the decisions about " + submissionId, e);
        }
        return records;
    }

    /** The decisions about every submission, by submission id, each submission's ordered by country. */
    public synchronized Map<String, List<ApprovalRecord>> decisionsBySubmission() {
        Map<String, List<ApprovalRecord>> bySubmission = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT * FROM approvals ORDER BY submission_id, country")) {
            while (row.next()) {
                ApprovalRecord record = approval(row);
                bySubmission
                        .computeIfAbsent(record.submissionId(), id -> new ArrayList<>())
                        .add(record);
            }
        } catch (SQLException e) {
            throw failure("read the approvals", e);
        }
        return bySubmission;
    }

    /** Every country's last decision about every submission: what a run manifest is built from. */
    public synchronized Approvals approvals() {
        Map<String, Map<String, Decision>> bySubmission = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT * FROM approvals")) {
            while (row.next()) {
                ApprovalRecord record = approval(row);
                bySubmission
                        .computeIfAbsent(record.submissionId(), id -> new HashMap<>())
                        .put(record.country(), record.decision());
            }
        } catch (SQLException e) {
            throw failure("read the approvals", e);
        }
        return new Approvals(bySubmission);
    }

    private static ApprovalRecord approval(ResultSet row) throws SQLException {
        return new ApprovalRecord(
                row.getString("submission_id"),
                row.getString("country"),
                Decision.valueOf(row.getString("decision").toUpperCase(java.util.Locale.ROOT)),
                row.getString("decided_by"),
                row.getString("decided_at"));
    }

    // pipeline runs

    /** Inserts or replaces the record of a pipeline run. */
    public synchronized void saveRun(PipelineRunRecord run) {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT OR REPLACE INTO pipeline_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            upsert.setString(1, run.runId());
            upsert.setString(2, run.status().wireName());
            upsert.setString(3, run.requestedBy());
            upsert.setString(4, run.requestedAt());
            upsert.setString(5, run.startedAt());
            upsert.setString(6, run.finishedAt());
            if (run.exitCode() == null) {
                upsert.setNull(7, Types.INTEGER);
            } else {
                upsert.setInt(7, run.exitCode());
            }
            upsert.setString(8, run.snapshotId());
            upsert.setString(9, run.message());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw failure("record pipeline run " + run.runId(), e);
        }
    }

    public synchronized Optional<PipelineRunRecord> run(String runId) {
        return runs("SELECT * FROM pipeline_runs WHERE run_id = ?", runId).stream()
                .findFirst();
    }

    /** The latest runs, newest first (the secretariat's page lists them). */
    public synchronized List<PipelineRunRecord> recentRuns(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        return runs("SELECT * FROM pipeline_runs ORDER BY requested_at DESC, run_id DESC LIMIT " + limit);
    }

    /** The runs not finished yet (queued or running), oldest first. */
    public synchronized List<PipelineRunRecord> unfinishedRuns() {
        return runs("SELECT * FROM pipeline_runs WHERE status IN ('queued', 'running') ORDER BY requested_at");
    }

    private List<PipelineRunRecord> runs(String sql, String... parameters) {
        List<PipelineRunRecord> runs = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int index = 0; index < parameters.length; index++) {
                select.setString(index + 1, parameters[index]);
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    int exit = row.getInt("exit_code");
                    Integer exitOrNull = row.wasNull() ? null : exit;
                    runs.add(new PipelineRunRecord(
                            row.getString("run_id"),
                            RunStatus.valueOf(row.getString("status").toUpperCase(java.util.Locale.ROOT)),
                            row.getString("requested_by"),
                            row.getString("requested_at"),
                            row.getString("started_at"),
                            row.getString("finished_at"),
                            exitOrNull,
                            row.getString("snapshot_id"),
                            row.getString("message")));
                }
            }
        } catch (SQLException e) {
            throw failure("read the pipeline runs", e);
        }
        return runs;
    }

    // audit log

    /** Appends a line to the audit log. */
    public synchronized void audit(String actor, String action, String target, String detail) {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit_log (recorded_at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, now());
            insert.setString(2, actor);
            insert.setString(3, action);
            insert.setString(4, target);
            insert.setString(5, detail);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw failure("write the audit log", e);
        }
    }

    /** The audit log, oldest first. */
    public synchronized List<AuditEntry> auditLog() {
        List<AuditEntry> entries = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT * FROM audit_log ORDER BY entry_id")) {
            while (row.next()) {
                entries.add(new AuditEntry(
                        row.getLong("entry_id"),
                        row.getString("recorded_at"),
                        row.getString("actor"),
                        row.getString("action"),
                        row.getString("target"),
                        row.getString("detail")));
            }
        } catch (SQLException e) {
            throw failure("read the audit log", e);
        }
        return entries;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close the registry", e);
        }
    }

    private static String now() {
        return Instant.now().toString();
    }

    private static ObservatoryException failure(String what, SQLException e) {
        return new ObservatoryException(
                ErrorCode.STORAGE_FAILURE, "Cannot %s in the registry: %s".formatted(what, e.getMessage()), e);
    }
}
