package org.observatory.pipeline.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.observatory.pipeline.transform.Columns.COUNT;
import static org.observatory.pipeline.transform.Columns.RATE_PER_100K;
import static org.observatory.pipeline.transform.Columns.REPORTED_RATE;

import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Compares two indicators tables on their key ({@link IndicatorTable#KEY}): a value is changed when its count,
 * rate or reported rate differs, added when only the new table has its key, withdrawn when only the old one has.
 */
public final class SnapshotDiff {
    public static final String CHANGED = "changed";
    public static final String ADDED = "added";
    public static final String WITHDRAWN = "withdrawn";

    private static final List<String> COMPARED = List.of(COUNT, RATE_PER_100K, REPORTED_RATE);
    private static final String PRESENT = "present";

    private SnapshotDiff() {}

    /** One row: {@code changed}, {@code added}, {@code withdrawn} (longs, 0 when there are none). */
    public static Dataset<Row> compare(Dataset<Row> previous, Dataset<Row> current) {
        Dataset<Row> before = side(previous, "before_");
        Dataset<Row> after = side(current, "after_");
        Column sameKey = lit(true);
        for (String key : IndicatorTable.KEY) {
            sameKey = sameKey.and(col("before_" + key).eqNullSafe(col("after_" + key)));
        }
        Column inBefore = col("before_" + PRESENT).isNotNull();
        Column inAfter = col("after_" + PRESENT).isNotNull();
        Column differs = lit(false);
        for (String value : COMPARED) {
            differs = differs.or(not(col("before_" + value).eqNullSafe(col("after_" + value))));
        }
        return before.join(after, sameKey, "full_outer")
                .agg(
                        countWhere(inBefore.and(inAfter).and(differs)).as(CHANGED),
                        countWhere(inAfter.and(not(inBefore))).as(ADDED),
                        countWhere(inBefore.and(not(inAfter))).as(WITHDRAWN));
    }

    private static Column countWhere(Column condition) {
        return coalesce(sum(when(condition, lit(1L)).otherwise(lit(0L))), lit(0L));
    }

    private static Dataset<Row> side(Dataset<Row> indicators, String prefix) {
        Column[] columns = Stream.concat(IndicatorTable.KEY.stream(), COMPARED.stream())
                .map(name -> col(name).as(prefix + name))
                .toArray(Column[]::new);
        return indicators.select(columns).withColumn(prefix + PRESENT, lit(true));
    }
}
