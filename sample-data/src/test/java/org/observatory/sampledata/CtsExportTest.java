package org.observatory.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.observatory.schemas.codelist.Countries;
import org.observatory.schemas.codelist.MemberList;

class CtsExportTest {
    private static final MemberList MEMBERS = MemberList.load(Countries.load());
    private static final Set<String> NON_MEMBERS = Set.of("BMU", "CUW", "PRI");
    private static final List<String> HEADER = List.of(
            "Iso3_code",
            "Country",
            "Region",
            "Subregion",
            "Indicator",
            "Dimension",
            "Category",
            "Sex",
            "Age",
            "Year",
            "Unit of measurement",
            "VALUE",
            "Source");
    private static final String COUNTS = "Counts";
    private static final String RATE = "Rate per 100,000 population";

    static IntStream cycles() {
        return IntStream.rangeClosed(2009, 2024);
    }

    static IntStream legacyCycles() {
        return IntStream.rangeClosed(2009, 2015);
    }

    static IntStream currentCycles() {
        return IntStream.rangeClosed(2016, 2024);
    }

    private static Set<String> respondingMemberStates(int cycle) {
        return CommittedData.ctsRows(cycle).stream()
                .map(row -> row.get("Iso3_code"))
                .filter(MEMBERS::isMember)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void cycle2009HasFiveRespondingMemberStatesAndCycle2010Nineteen() {
        assertThat(respondingMemberStates(2009)).hasSize(5);
        assertThat(respondingMemberStates(2010)).hasSize(19);
    }

    @Test
    void responsesGrowIrregularlyAndNeverExceedTheMemberList() {
        List<Integer> counts =
                cycles().mapToObj(cycle -> respondingMemberStates(cycle).size()).toList();

        assertThat(counts).allSatisfy(count -> assertThat(count).isBetween(5, 35));
        assertThat(counts).containsExactly(5, 19, 21, 24, 22, 26, 25, 28, 27, 29, 31, 26, 28, 30, 32, 31);
    }

    @Test
    void jamaicaRespondsToEveryCycle() {
        assertThat(cycles()).allSatisfy(cycle -> assertThat(respondingMemberStates(cycle))
                .as("cycle %d", cycle)
                .contains("JAM"));
    }

    @Test
    void someStateSkipsACycleItAnsweredBefore() {
        assertThat(respondingMemberStates(2012)).contains("GUY");
        assertThat(respondingMemberStates(2013)).doesNotContain("GUY");
        assertThat(respondingMemberStates(2014)).contains("GUY");
    }

    @Test
    void someCyclesCarryNonMemberTerritoriesOfTheAmericas() {
        Set<String> territories = new TreeSet<>();
        cycles().forEach(cycle -> CommittedData.ctsRows(cycle).stream()
                .filter(row -> !MEMBERS.isMember(row.get("Iso3_code")))
                .forEach(row -> {
                    assertThat(row.get("Region")).isEqualTo("Americas");
                    territories.add(row.get("Iso3_code"));
                }));

        assertThat(territories).containsExactly("BMU", "CUW", "PRI");
        assertThat(CommittedData.ctsRows(2009)).noneMatch(row -> NON_MEMBERS.contains(row.get("Iso3_code")));
    }

    @ParameterizedTest
    @MethodSource("legacyCycles")
    void earlyCyclesImitateThe2022DownloadInWindows1252WithPreamble(int cycle) {
        String text = CommittedData.text(CommittedData.ctsFile(cycle), CommittedData.WINDOWS_1252);
        String[] lines = text.split("\r\n", -1);

        assertThat(text.replace("\r\n", "")).doesNotContain("\n", "\r");
        assertThat(lines[0]).startsWith("UNODC,").matches("[^,]+,[^,]+,{11}");
        assertThat(lines[1]).matches("\\d{2}/\\d{2}/" + cycle + ",{12}");
        assertThat(List.of(lines[2].split(","))).containsExactlyElementsOf(HEADER);
        assertThat(lines[lines.length - 1])
                .as("the file ends with a line break")
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("currentCycles")
    void laterCyclesAreUtf8WithLineFeedsAndTheHeaderFirst(int cycle) throws CharacterCodingException {
        byte[] bytes = CommittedData.bytes(CommittedData.ctsFile(cycle));
        String text = CommittedData.decode(bytes, StandardCharsets.UTF_8);

        assertThat(text).doesNotContain("\r").doesNotStartWith("\uFEFF");
        assertThat(CommittedData.headerOf(CommittedData.ctsFile(cycle), StandardCharsets.UTF_8, ','))
                .containsExactlyElementsOf(HEADER);
    }

    @ParameterizedTest
    @MethodSource("cycles")
    void everyRowReportsTheYearBeforeTheCycleAsSyntheticData(int cycle) {
        assertThat(CommittedData.ctsRows(cycle)).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("Year")).isEqualTo(Integer.toString(cycle - 1));
            assertThat(row.get("Source")).contains("SYNTHETIC");
            assertThat(row.get("Region")).isEqualTo("Americas");
            assertThat(row.get("Age")).isEqualTo("Total");
            assertThat(row.get("Subregion"))
                    .isEqualTo(
                            Set.of("CAN", "USA", "BMU").contains(row.get("Iso3_code"))
                                    ? "Northern America"
                                    : "Latin America and the Caribbean");
        });
    }

    @Test
    void usesOnlyLabelsTheCtsCategoryCodelistMaps() throws IOException {
        Set<String> known = new HashSet<>();
        try (Reader reader = new InputStreamReader(
                Objects.requireNonNull(
                        getClass().getClassLoader().getResourceAsStream("codelists/cts-categories.csv"),
                        "codelists/cts-categories.csv is not on the class path"),
                StandardCharsets.UTF_8)) {
            for (CSVRecord record : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(reader)) {
                known.add(String.join("|", record.get("indicator"), record.get("dimension"), record.get("category")));
            }
        }
        Set<String> used = new TreeSet<>();
        cycles().forEach(cycle -> CommittedData.ctsRows(cycle)
                .forEach(row ->
                        used.add(String.join("|", row.get("Indicator"), row.get("Dimension"), row.get("Category")))));

        assertThat(known).containsAll(used);
        assertThat(used).hasSize(15);
    }

    @ParameterizedTest
    @MethodSource("cycles")
    void everyCountIsFollowedByItsRateComputedFromTheSyntheticPopulation(int cycle) {
        Map<String, Long> population = PopulationFileTest.populationByCountryYearSex();
        List<Map<String, String>> rows = CommittedData.ctsRows(cycle);

        assertThat(rows.size() % 2).isZero();
        for (int i = 0; i < rows.size(); i += 2) {
            Map<String, String> count = rows.get(i);
            Map<String, String> rate = rows.get(i + 1);
            assertThat(count.get("Unit of measurement")).as("row %d", i).isEqualTo(COUNTS);
            assertThat(rate.get("Unit of measurement")).as("row %d", i + 1).isEqualTo(RATE);
            assertThat(withoutValue(rate)).isEqualTo(withoutValue(count));
            if (!MEMBERS.isMember(count.get("Iso3_code"))) {
                continue;
            }
            String key = String.join(" ", count.get("Iso3_code"), count.get("Year"), sexCode(count.get("Sex")));
            BigDecimal expected = new BigDecimal(count.get("VALUE"))
                    .multiply(BigDecimal.valueOf(100_000))
                    .divide(BigDecimal.valueOf(population.get(key)), 2, RoundingMode.HALF_UP);
            assertThat(new BigDecimal(rate.get("VALUE")))
                    .as("rate of %s", withoutValue(count))
                    .isEqualByComparingTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("cycles")
    void partsNeverExceedTheirWholeAndTheJusticeFunnelNarrows(int cycle) {
        Map<String, BigDecimal> counts = new HashMap<>();
        CommittedData.ctsRows(cycle).stream()
                .filter(row -> row.get("Unit of measurement").equals(COUNTS))
                .forEach(row -> counts.put(
                        row.get("Iso3_code") + "|" + row.get("Indicator") + "|" + row.get("Category") + "|"
                                + row.get("Sex"),
                        new BigDecimal(row.get("VALUE"))));
        Set<String> countries =
                counts.keySet().stream().map(key -> key.substring(0, 3)).collect(Collectors.toCollection(TreeSet::new));

        for (String iso3 : countries) {
            String homicide = iso3 + "|Victims of intentional homicide|";
            assertAtMost(counts, homicide + "Firearms or explosives - firearms|Total", homicide + "Total|Total");
            if (counts.containsKey(homicide + "Total|Male")) {
                assertThat(counts.get(homicide + "Total|Male").add(counts.get(homicide + "Total|Female")))
                        .isEqualByComparingTo(counts.get(homicide + "Total|Total"));
            }
            assertAtMost(
                    counts,
                    iso3 + "|Violent offences|Sexual violence: Rape|Total",
                    iso3 + "|Violent offences|Sexual violence|Total");
            assertAtMost(
                    counts, iso3 + "|Offences|Theft: of a motorized vehicle|Total", iso3 + "|Offences|Theft|Total");
            assertAtMost(counts, iso3 + "|Persons convicted|Total|Total", iso3 + "|Persons prosecuted|Total|Total");
            assertAtMost(
                    counts,
                    iso3 + "|Persons prosecuted|Total|Total",
                    iso3 + "|Persons arrested/cautioned/suspected|Total|Total");
        }
    }

    @Test
    void completenessVariesFromEverySectionToPoliceOnly() {
        Map<String, Set<String>> indicatorsByCountry = new HashMap<>();
        CommittedData.ctsRows(2023).forEach(row -> indicatorsByCountry
                .computeIfAbsent(row.get("Iso3_code"), iso3 -> new TreeSet<>())
                .add(row.get("Indicator")));

        assertThat(indicatorsByCountry.get("COL"))
                .contains("Persons held", "Persons convicted", "Victims of intentional homicide");
        assertThat(indicatorsByCountry.get("GRD"))
                .containsExactly("Criminal Justice Personnel", "Victims of intentional homicide");
    }

    @Test
    void someCountsArePublishedAsFractionalEstimates() {
        assertThat(CommittedData.ctsRows(2020))
                .filteredOn(row -> row.get("Unit of measurement").equals(COUNTS))
                .extracting(row -> row.get("VALUE"))
                .anyMatch(value -> value.contains("."));
    }

    private static void assertAtMost(Map<String, BigDecimal> counts, String part, String whole) {
        if (counts.containsKey(part) && counts.containsKey(whole)) {
            assertThat(counts.get(part)).as(part).isLessThanOrEqualTo(counts.get(whole));
        }
    }

    private static Map<String, String> withoutValue(Map<String, String> row) {
        Map<String, String> key = new HashMap<>(row);
        key.remove("VALUE");
        key.remove("Unit of measurement");
        return key;
    }

    private static String sexCode(String unodcSex) {
        return switch (unodcSex) {
            case "Total" -> "_T";
            case "Male" -> "M";
            case "Female" -> "F";
            default -> throw new IllegalArgumentException("unexpected Sex '%s'".formatted(unodcSex));
        };
    }
}
