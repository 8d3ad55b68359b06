package org.observatory.sampledata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.schemas.codelist.Countries;
import org.observatory.schemas.codelist.MemberList;

class GeneratorInputsTest {
    private static final Countries COUNTRIES = Countries.load();
    private static final MemberList MEMBERS = MemberList.load(COUNTRIES);

    @TempDir
    Path inputs;

    /** Copies the real inputs, then replaces one piece of text in one of them. */
    private Path inputsWith(String file, String original, String replacement) throws IOException {
        for (String name :
                List.of(GeneratorInputs.PROFILES, GeneratorInputs.RESPONSES, GeneratorInputs.NATIONAL_OFFENCES)) {
            Files.copy(CommittedData.GENERATOR.resolve(name), inputs.resolve(name));
        }
        Path changed = inputs.resolve(file);
        String text = Files.readString(changed, StandardCharsets.UTF_8);
        assertThat(text).as("fixture text to replace").contains(original);
        Files.writeString(changed, text.replace(original, replacement), StandardCharsets.UTF_8);
        return inputs;
    }

    private static GeneratorInputs read(Path directory) {
        return GeneratorInputs.read(directory, MEMBERS, COUNTRIES);
    }

    @Test
    void readsTheCommittedInputs() {
        GeneratorInputs read = read(CommittedData.GENERATOR);

        assertThat(read.profiles()).hasSize(38);
        assertThat(read.responses()).extracting(CycleResponse::cycle).containsSequence(2009, 2010, 2011);
        assertThat(read.responses().get(0).memberStates()).containsExactly("CAN", "CHL", "COL", "JAM", "MEX");
        assertThat(read.nationalOffences("JAM"))
                .extracting(NationalOffence::code)
                .startsWith("MUR", "SHO");
    }

    @Test
    void rejectsAResponseFromAStateOutsideTheMemberList() throws IOException {
        Path directory = inputsWith(GeneratorInputs.RESPONSES, "2009,CAN CHL", "2009,FRA CHL");

        assertThatThrownBy(() -> read(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "responses.csv line 8, column 'member_states': 'FRA' is not in the member list (codelists/members.csv); move it to non_member_territories or correct the code");
    }

    @Test
    void rejectsAMemberStateListedAsNonMemberTerritory() throws IOException {
        Path directory = inputsWith(GeneratorInputs.RESPONSES, "USA,BMU\n", "USA,BMU JAM\n");

        assertThatThrownBy(() -> read(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "responses.csv line 9, column 'non_member_territories': 'JAM' is a member state; list it under member_states");
    }

    @Test
    void rejectsAStateListedTwiceInOneCycle() throws IOException {
        Path directory = inputsWith(GeneratorInputs.RESPONSES, "2009,CAN CHL", "2009,CAN CAN CHL");

        assertThatThrownBy(() -> read(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "responses.csv line 8, column 'member_states': 'CAN' is listed twice; list each state once");
    }

    @Test
    void rejectsAShareAboveOne() throws IOException {
        Path directory = inputsWith(
                GeneratorInputs.PROFILES,
                "ARG,Argentina,Latin America and the Caribbean,37100000,1.0,6.0,0.55,",
                "ARG,Argentina,Latin America and the Caribbean,37100000,1.0,6.0,1.55,");

        assertThatThrownBy(() -> read(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("profiles.csv line 16 (ARG): firearm_share must be a share between 0 and 1, got 1.55");
    }

    @Test
    void rejectsAnUnknownCtsBlock() throws IOException {
        Path directory = inputsWith(GeneratorInputs.PROFILES, "homicide police-personnel\nBHS", "homicide police\nBHS");

        assertThatThrownBy(() -> read(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "profiles.csv line 17, column 'sections': unknown block 'police'; use 'all' or blocks among [homicide, homicide-by-sex,");
    }

    @Test
    void rejectsANumberWrittenWithADecimalComma() throws IOException {
        Path directory = inputsWith(GeneratorInputs.PROFILES, "37100000,1.0,6.0,", "37100000,1.0,\"6,0\",");

        assertThatThrownBy(() -> read(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "profiles.csv line 16, column 'homicide_rate': '6,0' is not a number; write it with a dot, e.g. 12.5");
    }

    @Test
    void rejectsProfilesWithoutEveryMemberState() throws IOException {
        Path directory = inputsWith(
                GeneratorInputs.PROFILES,
                "URY,Uruguay,Latin America and the Caribbean,3300000,0.3,9.0,0.50,120,0.3,40,0.30,600,400,2000,0.10,1500,0.50,0.55,350,800,0,all\n",
                "");

        assertThatThrownBy(() -> read(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("profiles.csv: no row for member state(s) [URY]; add a row for every member state");
    }

    @Test
    void rejectsANationalOffenceDerivedFromAnUnknownSeries() throws IOException {
        Path directory = inputsWith(
                GeneratorInputs.NATIONAL_OFFENCES, "JAM,LAR,Larceny,theft,1.0", "JAM,LAR,Larceny,larceny,1.0");

        assertThatThrownBy(() -> read(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "national-offences.csv line 25, column 'series': unknown series 'larceny'; use one of [intentional-homicide, serious-assault, kidnapping, sexual-violence, rape, robbery, burglary, theft, motor-vehicle-theft]");
    }

    @Test
    void rejectsAnUnclosedQuoteWithItsLine() throws IOException {
        Path directory = inputsWith(GeneratorInputs.RESPONSES, "2011,ARG", "2011,\"ARG");

        assertThatThrownBy(() -> read(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("responses.csv line 10: ")
                .hasMessageEndingWith("; check the quotes of that line");
    }

    @Test
    void rejectsAFileWithoutARequiredColumn() throws IOException {
        Path directory = inputsWith(GeneratorInputs.NATIONAL_OFFENCES, "series,factor", "series,weight");

        assertThatThrownBy(() -> read(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "national-offences.csv: missing column(s) [factor]; the header must name [country, offence_code, offence_label, series, factor]");
    }

    @Test
    void rejectsAMissingInputFile(@TempDir Path empty) {
        assertThatThrownBy(() -> read(empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Generator input %s does not exist; pass the sample-data/generator directory as input"
                        .formatted(empty.resolve("profiles.csv")));
    }
}
