package org.observatory.pipeline.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.observatory.schemas.table.StagedRows;

class SparkSchemasTest {
    @Test
    void mapsEveryColumnTypeToItsSparkType() {
        StructType staged = SparkSchemas.structType(StagedRows.SCHEMA);

        assertThat(staged.fieldNames()).containsExactlyElementsOf(StagedRows.SCHEMA.columnNames());
        assertThat(staged.apply(StagedRows.COUNTRY).dataType()).isEqualTo(DataTypes.StringType);
        assertThat(staged.apply(StagedRows.YEAR).dataType()).isEqualTo(DataTypes.IntegerType);
        assertThat(staged.apply(StagedRows.SOURCE_LINE).dataType()).isEqualTo(DataTypes.LongType);
        assertThat(staged.apply(StagedRows.VALUE).dataType()).isEqualTo(DataTypes.DoubleType);
        assertThat(staged.fields()).allMatch(field -> field.nullable());
    }
}
