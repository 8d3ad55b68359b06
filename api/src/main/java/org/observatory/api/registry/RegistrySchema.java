package org.observatory.api.registry;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The registry's schema versions. Version 1 is the registry as it was before it kept a version (no {@code
 * schema_version} table): accounts, submissions, approvals, pipeline runs and the audit log, as {@code
 * Registry.createTables} creates them. Every later version is a {@link Migration} of this list, applied in order
 * when the registry opens ({@link Registry#open}): a change of the schema is a new migration at the end, never an
 * edit of an earlier one or of the version-1 tables, so a registry of any earlier release comes forward.
 */
final class RegistrySchema {
    /** One row per version the registry reached, with when and what it brought. */
    static final String VERSION_TABLE =
            """
            CREATE TABLE IF NOT EXISTS schema_version (
                version INTEGER PRIMARY KEY, applied_at VARCHAR NOT NULL, description VARCHAR NOT NULL)""";

    static final String VERSION_ONE = "accounts, submissions, approvals, pipeline runs and the audit log";

    static final List<Migration> MIGRATIONS = List.of(new Migration(
            2,
            "accounts can be revoked, rotated and expire",
            List.of(
                    "ALTER TABLE accounts ADD COLUMN expires_at VARCHAR",
                    "ALTER TABLE accounts ADD COLUMN revoked_at VARCHAR",
                    "ALTER TABLE accounts ADD COLUMN revoked_by VARCHAR",
                    "ALTER TABLE accounts ADD COLUMN rotated_at VARCHAR",
                    "ALTER TABLE accounts ADD COLUMN rotated_by VARCHAR",
                    "ALTER TABLE accounts ADD COLUMN previous_token_sha256 VARCHAR")));

    /** The version this code writes. */
    static final int LATEST = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    private RegistrySchema() {}

    /** The statements that bring a registry from {@code version - 1} to {@code version}, in one transaction. */
    record Migration(int version, String description, List<String> statements) {
        Migration {
            requireNonNull(description, "description is null");
            statements = List.copyOf(requireNonNull(statements, "statements is null"));
        }
    }
}
