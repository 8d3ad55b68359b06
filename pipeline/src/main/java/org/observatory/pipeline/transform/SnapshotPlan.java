package org.observatory.pipeline.transform;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.observatory.pipeline.transform.Columns.COUNTRY;
import static org.observatory.pipeline.transform.Columns.REASON;
import static org.observatory.pipeline.transform.Columns.SOURCE_KIND;
import static org.observatory.pipeline.transform.Columns.STATUS;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.table.StagedRows;

/**
 * How a run's input rows become a snapshot, as a plan of pure transforms (nothing runs until the job writes or
 * counts): skipped rows and superseded revisions become exclusions; correspondence and population rows are used
 * as tables; CTS, national and SDMX rows are normalised to observations, which give the indicators table.
 *
 * @param revisedRows the accepted input rows, those of superseded submissions marked with a reason
 * @param values normalised values before they are repeated for each indicator they feed, with their source rows
 * @param observations the observations table
 * @param indicators the indicators table
 * @param exclusions the exclusions table
 * @param outcomes input rows per outcome ({@link RowAccounting#outcomes})
 * @param unmappedNationalCodes distinct (country, national_code) pairs no correspondence table maps
 * @param countries the distinct countries with accepted rows in the run
 */
public record SnapshotPlan(
        Dataset<Row> revisedRows,
        Dataset<Row> values,
        Dataset<Row> observations,
        Dataset<Row> indicators,
        Dataset<Row> exclusions,
        Dataset<Row> outcomes,
        Dataset<Row> unmappedNationalCodes,
        Dataset<Row> countries) {
    public SnapshotPlan {
        requireNonNull(revisedRows, "revisedRows is null");
        requireNonNull(values, "values is null");
        requireNonNull(observations, "observations is null");
        requireNonNull(indicators, "indicators is null");
        requireNonNull(exclusions, "exclusions is null");
        requireNonNull(outcomes, "outcomes is null");
        requireNonNull(unmappedNationalCodes, "unmappedNationalCodes is null");
        requireNonNull(countries, "countries is null");
    }

    /**
     * @param rowsIn the run's input rows ({@link RunScope#rowsIn})
     * @param reference the codelists as frames
     */
    public static SnapshotPlan of(Dataset<Row> rowsIn, ReferenceFrames reference) {
        Dataset<Row> accepted = rowsIn.filter(col(STATUS).eqNullSafe(StagedRows.STATUS_ACCEPTED));
        Dataset<Row> revised = Revisions.markSuperseded(accepted);
        Dataset<Row> current = revised.filter(col(REASON).isNull());

        Dataset<Row> correspondenceRows = current.filter(kind(SourceKind.CORRESPONDENCE));
        Dataset<Row> populationRows = current.filter(kind(SourceKind.POPULATION));
        Dataset<Row> valueRows = ValueRows.classify(
                current.filter(not(kind(SourceKind.CORRESPONDENCE).or(kind(SourceKind.POPULATION)))));
        Dataset<Row> readable = valueRows.filter(col(REASON).isNull());

        Dataset<Row> cts = CtsNormalisation.map(readable.filter(kind(SourceKind.CTS)), reference.ctsCategories());
        Dataset<Row> correspondence =
                CorrespondenceTables.effective(reference.defaultCorrespondence(), correspondenceRows);
        Dataset<Row> national =
                NationalNormalisation.mapCodes(readable.filter(kind(SourceKind.NATIONAL)), correspondence);
        Dataset<Row> sdmx = readable.filter(kind(SourceKind.SDMX_CSV));

        Dataset<Row> values = ValueRows.toObservations(cts.filter(col(REASON).isNull()))
                .unionByName(NationalNormalisation.aggregateIncidents(
                        national.filter(col(REASON).isNull())))
                .unionByName(ValueRows.toObservations(sdmx));
        Dataset<Row> observations =
                Observations.attachIndicators(values, reference.indicatorCoverage(), reference.indicatorUnits());
        Dataset<Row> indicators =
                IndicatorTable.build(observations, Population.denominators(populationRows), reference.indicatorUnits());

        Dataset<Row> exclusions = Exclusions.of(Exclusions.skipped(rowsIn))
                .unionByName(Exclusions.of(revised))
                .unionByName(Exclusions.of(valueRows))
                .unionByName(Exclusions.of(cts))
                .unionByName(Exclusions.of(national));
        Dataset<Row> outcomes =
                RowAccounting.outcomes(exclusions, RowAccounting.usedRows(correspondenceRows, populationRows, values));
        return new SnapshotPlan(
                revised,
                values,
                observations,
                indicators,
                exclusions,
                outcomes,
                NationalNormalisation.unmappedCodes(national),
                accepted.filter(col(COUNTRY).isNotNull()).select(COUNTRY).distinct());
    }

    private static Column kind(SourceKind kind) {
        return col(SOURCE_KIND).eqNullSafe(kind.cliName());
    }
}
