/** Schemas of the Parquet tables the modules exchange: staged rows (ingest to pipeline) and snapshot tables (pipeline to API). */
package org.observatory.schemas.table;
