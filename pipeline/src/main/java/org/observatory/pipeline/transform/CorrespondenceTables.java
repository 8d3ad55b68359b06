package org.observatory.pipeline.transform;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.trim;
import static org.observatory.pipeline.transform.Columns.COUNTRY;
import static org.observatory.pipeline.transform.Columns.FOOTNOTE;
import static org.observatory.pipeline.transform.Columns.ICCS_CODE;
import static org.observatory.pipeline.transform.Columns.MATCH_QUALITY;
import static org.observatory.pipeline.transform.Columns.NATIONAL_CODE;
import static org.observatory.pipeline.transform.Columns.NATIONAL_LABEL;
import static org.observatory.pipeline.transform.Columns.NOTE;
import static org.observatory.pipeline.transform.Columns.SOURCE_LINE;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.record.CorrespondenceEntry;
import org.observatory.schemas.record.CorrespondenceTable;

/**
 * The correspondence tables of a run, national offence code to ICCS: the defaults shipped in {@code schemas}
 * ({@code correspondence/<ISO3>.csv}), each replaced whole by the country's latest approved {@code correspondence}
 * submission in the run. Columns: country, national_code, national_label, iccs_code, match_quality, note.
 */
public final class CorrespondenceTables {
    public static final StructType SCHEMA = new StructType()
            .add(COUNTRY, DataTypes.StringType, false)
            .add(NATIONAL_CODE, DataTypes.StringType, false)
            .add(NATIONAL_LABEL, DataTypes.StringType, true)
            .add(ICCS_CODE, DataTypes.StringType, true)
            .add(MATCH_QUALITY, DataTypes.StringType, true)
            .add(NOTE, DataTypes.StringType, true);

    private static final String POSITION = "position";

    private CorrespondenceTables() {}

    /** The default tables shipped for the deployment's member states. */
    public static Dataset<Row> defaults(SparkSession spark, Codelists codelists) {
        requireNonNull(spark, "spark is null");
        List<Row> rows = codelists.members().all().stream()
                .map(MemberState::iso3)
                .flatMap(country -> CorrespondenceTable.loadDefault(country, codelists.iccs()).stream())
                .flatMap(table -> table.entries().stream())
                .map(CorrespondenceTables::row)
                .toList();
        return of(spark, rows);
    }

    /** A frame of the given entries (tests and defaults). */
    public static Dataset<Row> of(SparkSession spark, List<Row> rows) {
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static Row row(CorrespondenceEntry entry) {
        return RowFactory.create(
                entry.country(),
                entry.nationalCode(),
                entry.nationalLabel(),
                entry.iccsCode(),
                entry.matchQuality().code(),
                entry.note());
    }

    /**
     * The tables in effect: the staged rows for every country that has some, the defaults for the others. A
     * national code staged twice for a country keeps its first line.
     *
     * @param defaults the frame of {@link #defaults}
     * @param stagedCorrespondence the current (not superseded) staged rows of {@code correspondence} submissions
     */
    public static Dataset<Row> effective(Dataset<Row> defaults, Dataset<Row> stagedCorrespondence) {
        Dataset<Row> staged = stagedCorrespondence
                .withColumn(NATIONAL_CODE, trim(col(NATIONAL_CODE)))
                .filter(col(COUNTRY).isNotNull().and(col(NATIONAL_CODE).isNotNull()))
                .withColumn(
                        POSITION,
                        row_number()
                                .over(Window.partitionBy(col(COUNTRY), col(NATIONAL_CODE))
                                        .orderBy(col(SOURCE_LINE).asc_nulls_last())))
                .filter(col(POSITION).equalTo(1))
                .select(
                        col(COUNTRY),
                        col(NATIONAL_CODE),
                        col(NATIONAL_LABEL),
                        trim(col(ICCS_CODE)).as(ICCS_CODE),
                        MatchQualities.code(col(MATCH_QUALITY)).as(MATCH_QUALITY),
                        col(FOOTNOTE).as(NOTE));
        Dataset<Row> replaced = staged.select(COUNTRY).distinct();
        return defaults.join(broadcast(replaced), new String[] {COUNTRY}, "left_anti")
                .unionByName(staged);
    }
}
