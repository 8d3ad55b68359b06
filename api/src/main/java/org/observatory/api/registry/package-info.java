/**
 * The registry ({@code <data>/registry/}): submissions, approvals, accounts, pipeline runs and the audit log, in an
 * embedded DuckDB database with one writing process at a time (the running server, or a command when no server
 * runs), and the run manifests built from its approvals. The pipeline never opens it.
 */
package org.observatory.api.registry;
