package org.observatory.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.observatory.schemas.codelist.Countries;
import org.observatory.schemas.codelist.MemberList;
import org.observatory.schemas.codelist.MemberState;

class PopulationFileTest {
    private static final Path FILE = CommittedData.DATA.resolve("population/synthetic-population-2000-2024.csv");

    static List<Map<String, String>> rows() {
        return CommittedData.rows(FILE, StandardCharsets.UTF_8, ',');
    }

    /** Population keyed by {@code ISO3 YEAR SEX}, e.g. {@code JAM 2008 _T}. */
    static Map<String, Long> populationByCountryYearSex() {
        Map<String, Long> population = new HashMap<>();
        rows().forEach(row -> population.put(
                String.join(" ", row.get("country"), row.get("year"), row.get("sex")),
                Long.parseLong(row.get("population"))));
        return population;
    }

    @Test
    void coversEveryMemberStateEveryYearAndSex() {
        Set<String> members = MemberList.load(Countries.load()).all().stream()
                .map(MemberState::iso3)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(CommittedData.headerOf(FILE, StandardCharsets.UTF_8, ','))
                .containsExactly("country", "year", "sex", "population", "source");
        assertThat(rows()).hasSize(35 * 25 * 3);
        Set<String> countries =
                rows().stream().map(row -> row.get("country")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(countries).isEqualTo(members);
        assertThat(rows().stream().map(row -> row.get("year")).distinct())
                .hasSize(25)
                .contains("2000", "2024");
        assertThat(rows().stream().map(row -> row.get("sex")).distinct()).containsExactly("_T", "M", "F");
    }

    @Test
    void maleAndFemaleAddUpToTheTotal() {
        Map<String, Long> population = populationByCountryYearSex();

        rows().stream().filter(row -> row.get("sex").equals("_T")).forEach(row -> {
            String countryYear = row.get("country") + " " + row.get("year");
            assertThat(population.get(countryYear + " M") + population.get(countryYear + " F"))
                    .as(countryYear)
                    .isEqualTo(population.get(countryYear + " _T"));
        });
    }

    @Test
    void everyValueIsLabelledSynthetic() {
        assertThat(rows()).allSatisfy(row -> assertThat(row.get("source")).contains("SYNTHETIC"));
    }

    @Test
    void magnitudesArePlausibleForTheRegion() {
        Map<String, Long> population = populationByCountryYearSex();

        assertThat(population.get("KNA 2024 _T")).isBetween(40_000L, 80_000L);
        assertThat(population.get("USA 2024 _T")).isBetween(300_000_000L, 400_000_000L);
    }
}
