package org.observatory.pipeline.transform;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.observatory.pipeline.transform.Columns.COUNTRY;
import static org.observatory.pipeline.transform.Columns.REASON;
import static org.observatory.pipeline.transform.Columns.SOURCE_KIND;
import static org.observatory.pipeline.transform.Columns.SOURCE_ROWS;
import static org.observatory.pipeline.transform.Columns.STATUS;

import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.observatory.pipeline.spark.Steps;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.table.StagedRows;

/**
 * How a run's input rows become a snapshot, as a plan of pure transforms (nothing runs until the job writes or
 * counts): skipped rows and superseded revisions become exclusions; correspondence and population rows are used
 * as tables; CTS, national and SDMX rows are normalised to observations, which give the indicators table; the
 * small-cell rule applies to what was counted from incidents. The input is groups of staged rows ({@link
 * StagedGroups}), so the plan runs on a few thousand rows whatever the number of incidents.
 *
 * @param rowsIn the run's input groups ({@link RunScope#rowsIn})
 * @param values normalised values before they are repeated for each indicator they feed, with their source rows
 *     and {@code incident_derived}
 * @param observations the observations table, small cells suppressed
 * @param indicators the indicators table, small cells suppressed
 * @param exclusionGroups the exclusions as groups ({@link Exclusions#groups}); {@link Exclusions#expand} lists
 *     the lines of groups of several incidents
 * @param referenceRows the correspondence and population rows used as tables (with {@code country} and {@code
 *     source_rows})
 * @param unmappedNationalCodes distinct (country, national_code) pairs no correspondence table maps
 */
public record SnapshotPlan(
        Dataset<Row> rowsIn,
        Dataset<Row> values,
        Dataset<Row> observations,
        Dataset<Row> indicators,
        Dataset<Row> exclusionGroups,
        Dataset<Row> referenceRows,
        Dataset<Row> unmappedNationalCodes) {
    public SnapshotPlan {
        requireNonNull(rowsIn, "rowsIn is null");
        requireNonNull(values, "values is null");
        requireNonNull(observations, "observations is null");
        requireNonNull(indicators, "indicators is null");
        requireNonNull(exclusionGroups, "exclusionGroups is null");
        requireNonNull(referenceRows, "referenceRows is null");
        requireNonNull(unmappedNationalCodes, "unmappedNationalCodes is null");
    }

    /**
     * @param rowsIn the run's input groups ({@link RunScope#rowsIn} of {@link StagedGroups#group})
     * @param reference the codelists as frames
     * @param smallCellThreshold counts of incidents below this are suppressed
     * @param materialise applied to each stage's result (revisions, national rows, values, observations,
     *     indicators before and after the small-cell rule, exclusions) before later stages use it: the job materialises them, so that
     *     every query Spark plans stays small (planning one query over all stages costs far more than running it)
     */
    public static SnapshotPlan of(
            Dataset<Row> rowsIn,
            ReferenceFrames reference,
            int smallCellThreshold,
            UnaryOperator<Dataset<Row>> materialise) {
        requireNonNull(materialise, "materialise is null");
        // each stage's queries are named after it (Spark UI, event logs)
        BiFunction<String, Dataset<Row>, Dataset<Row>> stage =
                (name, rows) -> Steps.named(rows.sparkSession(), name, () -> materialise.apply(rows));
        Dataset<Row> accepted = rowsIn.filter(col(STATUS).eqNullSafe(StagedRows.STATUS_ACCEPTED));
        Dataset<Row> revised = stage.apply("revisions", Revisions.markSuperseded(accepted));
        Dataset<Row> current = revised.filter(col(REASON).isNull());

        Dataset<Row> correspondenceRows = current.filter(kind(SourceKind.CORRESPONDENCE));
        Dataset<Row> populationRows = current.filter(kind(SourceKind.POPULATION));
        Dataset<Row> valueRows = ValueRows.classify(
                current.filter(not(kind(SourceKind.CORRESPONDENCE).or(kind(SourceKind.POPULATION)))));
        Dataset<Row> readable = valueRows.filter(col(REASON).isNull());

        Dataset<Row> cts = CtsNormalisation.map(readable.filter(kind(SourceKind.CTS)), reference.ctsCategories());
        Dataset<Row> correspondence =
                CorrespondenceTables.effective(reference.defaultCorrespondence(), correspondenceRows);
        Dataset<Row> national = stage.apply(
                "national codes",
                NationalNormalisation.mapCodes(readable.filter(kind(SourceKind.NATIONAL)), correspondence));
        Dataset<Row> sdmx = readable.filter(kind(SourceKind.SDMX_CSV));

        Dataset<Row> values = stage.apply(
                "values",
                ValueRows.toObservations(cts.filter(col(REASON).isNull()))
                        .unionByName(NationalNormalisation.aggregateIncidents(
                                national.filter(col(REASON).isNull())))
                        .unionByName(ValueRows.toObservations(sdmx)));
        Dataset<Row> marked = stage.apply(
                "indicators attached",
                SmallCells.markHidden(
                        Observations.attachIndicators(
                                values, reference.indicatorCoverage(), reference.indicatorUnits()),
                        smallCellThreshold));
        Dataset<Row> denominators = Population.denominators(populationRows);
        // materialised on its own: the small-cell rule reads the indicators twice (those it suppresses, the others)
        Dataset<Row> built =
                stage.apply("indicators", IndicatorTable.build(marked, denominators, reference.indicatorUnits()));
        Dataset<Row> indicators = stage.apply(
                "small cells",
                SmallCells.suppressIndicators(built, marked, reference.nestedIndicators(), smallCellThreshold));

        Dataset<Row> exclusionGroups = stage.apply(
                "exclusion groups",
                Exclusions.groups(Exclusions.skipped(rowsIn))
                        .unionByName(Exclusions.groups(revised))
                        .unionByName(Exclusions.groups(valueRows))
                        .unionByName(Exclusions.groups(cts))
                        .unionByName(Exclusions.groups(national)));
        Dataset<Row> referenceRows = correspondenceRows
                .select(col(COUNTRY), col(SOURCE_ROWS))
                .unionByName(populationRows.select(col(COUNTRY), col(SOURCE_ROWS)));
        return new SnapshotPlan(
                rowsIn,
                values,
                stage.apply("observations", SmallCells.suppressObservations(marked)),
                indicators,
                exclusionGroups,
                referenceRows,
                NationalNormalisation.unmappedCodes(national));
    }

    /** Input rows per partition and outcome ({@link RowAccounting#outcomes}), exclusion groups weighted. */
    public Dataset<Row> outcomes() {
        return RowAccounting.outcomes(exclusionGroups, RowAccounting.usedRows(referenceRows, values));
    }

    private static Column kind(SourceKind kind) {
        return col(SOURCE_KIND).eqNullSafe(kind.cliName());
    }
}
