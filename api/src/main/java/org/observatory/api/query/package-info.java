/**
 * Reading published snapshots: which snapshot is current (re-reading {@code warehouse/CURRENT}), and DuckDB
 * queries over its partitioned Parquet tables, one duplicated connection per query.
 */
package org.observatory.api.query;
