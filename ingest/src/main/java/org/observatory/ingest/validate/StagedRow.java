package org.observatory.ingest.validate;

/**
 * One validated (or skipped) row on its way to {@code rows.parquet}, in the columns of
 * {@link org.observatory.schemas.table.StagedRows#SCHEMA}. Built by the row validators; nulls are columns the input
 * kind does not use.
 */
public record StagedRow(
        long sourceLine,
        String status,
        String skipReason,
        String country,
        Integer year,
        String ctsIndicator,
        String ctsDimension,
        String ctsCategory,
        String nationalCode,
        String nationalLabel,
        String iccsCode,
        String sex,
        String age,
        String breakdownType,
        String breakdown,
        String unit,
        Double value,
        String obsStatus,
        String footnote,
        String source,
        String matchQuality) {}
