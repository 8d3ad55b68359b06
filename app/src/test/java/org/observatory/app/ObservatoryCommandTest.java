package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObservatoryCommandTest {
    @TempDir
    Path temporary;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs the command; what it prints adds to {@link #out} and {@link #err}. */
    private int run(String... args) {
        return CommandRun.of(args).appendTo(out, err);
    }

    @Test
    void ingestAcceptsAValidFileWithExitZeroAndPrintsJson() throws Exception {
        Path file = temporary.resolve("population.csv");
        Files.writeString(
                file, "country,year,population\nJAM,2021,2827695\nFRA,2021,67000000\n", StandardCharsets.UTF_8);

        int exit = run(
                "ingest",
                file.toString(),
                "--source",
                "population",
                "--data",
                temporary.resolve("data").toString(),
                "--format",
                "json");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("\"status\" : \"accepted\"")
                .contains("\"rowsRead\" : 2")
                .contains("\"rowsAccepted\" : 1")
                .contains("\"out-of-scope-country\" : 1")
                .contains("\"encoding\" : \"UTF-8\"")
                .containsPattern("\"peakResidentMemoryBytes\" : [1-9][0-9]+");
    }

    @Test
    void ingestRejectsABadFileWithExitOneAndSaysWhereAndHowToFix() throws Exception {
        Path file = temporary.resolve("population.csv");
        Files.writeString(file, "country,year,population\nJAM,2021,lots\n", StandardCharsets.UTF_8);

        int exit = run(
                "ingest",
                file.toString(),
                "--source",
                "population",
                "--data",
                temporary.resolve("data").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .contains(": REJECTED")
                .contains(
                        "ERROR VALUE_NOT_A_NUMBER: Line 2, column 'population': 'lots' is not a number with decimal separator '.'");
        assertThat(temporary.resolve("data/staging")).isEmptyDirectory();
    }

    @Test
    void unknownSourceKindIsAUsageErrorWithExitTwo() throws Exception {
        Path file = temporary.resolve("x.csv");
        Files.writeString(file, "a\n1\n", StandardCharsets.UTF_8);

        int exit = run("ingest", file.toString(), "--source", "spreadsheet");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "unknown source kind 'spreadsheet'; use one of cts, national, population, sdmx-csv, correspondence");
    }

    @Test
    void nationalFileForANonMemberCountryIsAUsageError() throws Exception {
        Path file = temporary.resolve("x.csv");
        Files.writeString(file, "year,offence_code,offence_label,count\n2021,A,B,1\n", StandardCharsets.UTF_8);

        int exit = run(
                "ingest",
                file.toString(),
                "--source",
                "national",
                "--country",
                "FRA",
                "--data",
                temporary.resolve("data").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "Country 'FRA' is not a member state of this deployment; give the ISO alpha-3 code of a member state, e.g. MEX");
    }

    @Test
    void aNationalDeploymentUsesItsOwnMemberList() throws Exception {
        Path members = temporary.resolve("members.csv");
        Files.writeString(
                members,
                "iso3,name_en,name_es,subregion,first_cycle,last_cycle\nCRI,Costa Rica,Costa Rica,Central America,,\n",
                StandardCharsets.UTF_8);
        Path file = temporary.resolve("population.csv");
        Files.writeString(
                file, "country,year,population\nCRI,2021,5150000\nJAM,2021,2827695\n", StandardCharsets.UTF_8);

        int exit = run(
                "ingest",
                file.toString(),
                "--source",
                "population",
                "--members",
                members.toString(),
                "--data",
                temporary.resolve("data").toString(),
                "--format",
                "json");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"rowsAccepted\" : 1").contains("\"out-of-scope-country\" : 1");
    }
}
