/**
 * Reading published snapshots: {@link org.observatory.api.query.SnapshotCatalogue} says which snapshots exist (the
 * one {@code warehouse/CURRENT} names, the published vintages, reader leases), {@link
 * org.observatory.api.query.SnapshotQueries} answers questions about one with DuckDB over its partitioned Parquet
 * tables (a country's indicator rows read once per snapshot and kept in memory), and {@link
 * org.observatory.api.query.SnapshotRepository} puts the two behind one object for the web layer.
 */
package org.observatory.api.query;
