package org.observatory.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.table.StagedRows;

class SyntheticStagingTest {
    private static final Codelists CODELISTS = Codelists.load();

    @TempDir
    Path temporary;

    @Test
    void stagesPopulationACorrespondenceTableAndAnIncidentSubmissionPerMemberInTheStagedRowsColumns() throws Exception {
        SyntheticStaging staging = new SyntheticStaging(temporary, 42, CODELISTS);

        staging.writeAll(3_502);

        List<ApprovedSubmission> submissions = staging.submissions();
        assertThat(submissions).hasSize(1 + 35 + 35);
        assertThat(submissions).extracting(ApprovedSubmission::sequence).doesNotHaveDuplicates();
        assertThat(submissions.get(0).sourceKind()).isEqualTo("population");
        assertThat(submissions.get(0).approvedCountries()).hasSize(35);
        assertThat(staging.incidentRows()).isEqualTo(3_502);
        assertThat(staging.nationalRows(SyntheticStaging.nationalSubmissionId("ARG", 1)))
                .hasValue(101);
        assertThat(staging.nationalRows(SyntheticStaging.nationalSubmissionId("VEN", 1)))
                .hasValue(100);

        String arg =
                staging.file(SyntheticStaging.nationalSubmissionId("ARG", 1)).toString();
        assertThat(columns(arg)).isEqualTo(StagedRows.SCHEMA.duckDbColumnList());
        assertThat(query("SELECT count(*), count(DISTINCT source_line), min(source_line), min(year), max(year),"
                        + " bool_and(unit = 'incident' AND value = 1 AND status = 'accepted' AND country = 'ARG')"
                        + " FROM read_parquet('" + arg + "')"))
                .isEqualTo("101|101|2|2015|2024|true");
        String population = staging.file("sub-bench-population").toString();
        assertThat(columns(population)).isEqualTo(StagedRows.SCHEMA.duckDbColumnList());
        assertThat(query("SELECT count(*), count(DISTINCT country) FROM read_parquet('" + population + "')"))
                .isEqualTo("1050|35");
        assertThat(query("SELECT count(*), bool_and(iccs_code IS NOT NULL AND match_quality IS NOT NULL) FROM"
                        + " read_parquet('" + staging.file("sub-bench-correspondence-BRA") + "')"))
                .isEqualTo("11|true");
        assertThat(staging.stagedRows()).isEqualTo(3_502 + 1_050 + 35 * 11);
    }

    @Test
    void drawsTheSameRowsForTheSameSeedAndOthersForANewGeneration() throws Exception {
        SyntheticStaging first = new SyntheticStaging(temporary.resolve("first"), 42, CODELISTS);
        SyntheticStaging second = new SyntheticStaging(temporary.resolve("second"), 42, CODELISTS);

        first.addNationalSubmission("JAM", 5_000, 1);
        second.addNationalSubmission("JAM", 5_000, 1);
        first.addNationalSubmission("JAM", 5_000, 2);

        String one = digest(first.file(SyntheticStaging.nationalSubmissionId("JAM", 1)));
        assertThat(digest(second.file(SyntheticStaging.nationalSubmissionId("JAM", 1))))
                .isEqualTo(one);
        assertThat(digest(first.file(SyntheticStaging.nationalSubmissionId("JAM", 2))))
                .isNotEqualTo(one);
        assertThat(query("SELECT count(*) > 0 FROM read_parquet('"
                        + first.file(SyntheticStaging.nationalSubmissionId("JAM", 1)) + "') WHERE national_code = '"
                        + SyntheticStaging.UNMAPPED_CODE + "'"))
                .as("about one row in a thousand has a code no table maps")
                .isEqualTo("true");
    }

    private static String digest(Path file) throws Exception {
        return query("SELECT sum(hash(source_line, year, national_code, sex, age, breakdown)) FROM read_parquet('"
                + file + "')");
    }

    private static String columns(String file) throws Exception {
        List<String> columns = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
            while (result.next()) {
                columns.add(result.getString(1) + " " + result.getString(2));
            }
        }
        return "(" + String.join(", ", columns) + ")";
    }

    private static String query(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            List<String> values = new ArrayList<>();
            for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                values.add(result.getString(column));
            }
            return String.join("|", values);
        }
    }
}
