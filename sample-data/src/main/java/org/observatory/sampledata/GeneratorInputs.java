package org.observatory.sampledata;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.observatory.schemas.codelist.Countries;
import org.observatory.schemas.codelist.MemberList;
import org.observatory.schemas.codelist.MemberState;

/**
 * The generator's inputs, read from {@code sample-data/generator/} and cross-checked against the member list:
 * {@code profiles.csv} (one row per member state and per non-member territory), {@code responses.csv} (one row
 * per CTS cycle) and {@code national-offences.csv}. A problem fails with the file, line and column.
 */
record GeneratorInputs(
        List<CountryProfile> profiles, List<CycleResponse> responses, List<NationalOffence> nationalOffences) {
    static final String PROFILES = "profiles.csv";
    static final String RESPONSES = "responses.csv";
    static final String NATIONAL_OFFENCES = "national-offences.csv";

    private static final List<String> PROFILE_COLUMNS = List.of(
            "iso3",
            "country",
            "unodc_subregion",
            "population_2000",
            "growth_percent",
            "homicide_rate",
            "firearm_share",
            "serious_assault_rate",
            "kidnapping_rate",
            "sexual_violence_rate",
            "rape_share",
            "robbery_rate",
            "burglary_rate",
            "theft_rate",
            "vehicle_theft_share",
            "arrested_rate",
            "prosecuted_share",
            "convicted_share",
            "prison_rate",
            "police_rate",
            "property_count_decimals",
            "sections");
    private static final List<String> RESPONSE_COLUMNS = List.of("cycle", "member_states", "non_member_territories");
    private static final List<String> NATIONAL_OFFENCE_COLUMNS =
            List.of("country", "offence_code", "offence_label", "series", "factor");

    GeneratorInputs {
        profiles = profiles.stream()
                .sorted(Comparator.comparing(CountryProfile::iso3))
                .toList();
        responses = responses.stream()
                .sorted(Comparator.comparingInt(CycleResponse::cycle))
                .toList();
        nationalOffences = List.copyOf(nationalOffences);
    }

    static GeneratorInputs read(Path inputDirectory, MemberList members, Countries countries) {
        requireNonNull(inputDirectory, "inputDirectory is null");
        Map<String, CountryProfile> profiles =
                readProfiles(InputTable.read(inputDirectory.resolve(PROFILES), PROFILE_COLUMNS), countries);
        List<String> withoutProfile = members.all().stream()
                .map(MemberState::iso3)
                .filter(iso3 -> !profiles.containsKey(iso3))
                .toList();
        if (!withoutProfile.isEmpty()) {
            throw new IllegalArgumentException("%s: no row for member state(s) %s; add a row for every member state"
                    .formatted(PROFILES, withoutProfile));
        }
        List<CycleResponse> responses =
                readResponses(InputTable.read(inputDirectory.resolve(RESPONSES), RESPONSE_COLUMNS), members, profiles);
        List<NationalOffence> offences = readNationalOffences(
                InputTable.read(inputDirectory.resolve(NATIONAL_OFFENCES), NATIONAL_OFFENCE_COLUMNS), profiles);
        return new GeneratorInputs(List.copyOf(profiles.values()), responses, offences);
    }

    List<NationalOffence> nationalOffences(String country) {
        return nationalOffences.stream()
                .filter(offence -> offence.country().equals(country))
                .toList();
    }

    private static Map<String, CountryProfile> readProfiles(InputTable table, Countries countries) {
        Map<String, CountryProfile> profiles = new TreeMap<>();
        for (InputTable.Row row : table.rows()) {
            String iso3 = row.required("iso3");
            if (countries.find(iso3).filter(c -> c.alpha3().equals(iso3)).isEmpty()) {
                throw row.invalid(
                        "iso3",
                        "'%s' is not an ISO 3166-1 alpha-3 code; use one of codelists/countries.csv".formatted(iso3));
            }
            CountryProfile profile;
            try {
                profile = new CountryProfile(
                        iso3,
                        row.required("country"),
                        row.required("unodc_subregion"),
                        row.integer("population_2000"),
                        row.decimal("growth_percent"),
                        row.decimal("homicide_rate"),
                        row.decimal("firearm_share"),
                        row.decimal("serious_assault_rate"),
                        row.decimal("kidnapping_rate"),
                        row.decimal("sexual_violence_rate"),
                        row.decimal("rape_share"),
                        row.decimal("robbery_rate"),
                        row.decimal("burglary_rate"),
                        row.decimal("theft_rate"),
                        row.decimal("vehicle_theft_share"),
                        row.decimal("arrested_rate"),
                        row.decimal("prosecuted_share"),
                        row.decimal("convicted_share"),
                        row.decimal("prison_rate"),
                        row.decimal("police_rate"),
                        row.integer("property_count_decimals"),
                        sections(row));
            } catch (InputTable.InvalidInputException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw row.invalidRow(iso3, e);
            }
            if (profiles.putIfAbsent(iso3, profile) != null) {
                throw row.invalid("iso3", "'%s' has a second row; keep one row per country".formatted(iso3));
            }
        }
        return profiles;
    }

    private static Set<CtsBlock> sections(InputTable.Row row) {
        List<String> words = row.words("sections");
        if (words.equals(List.of("all"))) {
            return EnumSet.allOf(CtsBlock.class);
        }
        Set<CtsBlock> blocks = EnumSet.noneOf(CtsBlock.class);
        for (String word : words) {
            blocks.add(CtsBlock.fromCode(word)
                    .orElseThrow(() -> row.invalid(
                            "sections",
                            "unknown block '%s'; use 'all' or blocks among %s".formatted(word, CtsBlock.codes()))));
        }
        return blocks;
    }

    private static List<CycleResponse> readResponses(
            InputTable table, MemberList members, Map<String, CountryProfile> profiles) {
        Map<Integer, CycleResponse> byCycle = new TreeMap<>();
        for (InputTable.Row row : table.rows()) {
            int cycle = row.integer("cycle");
            if (cycle < SyntheticModel.FIRST_YEAR + 1 || cycle > SyntheticModel.LAST_YEAR + 1) {
                throw row.invalid(
                        "cycle",
                        "%d is outside the synthetic years; cycles report the previous year, so use %d to %d"
                                .formatted(cycle, SyntheticModel.FIRST_YEAR + 1, SyntheticModel.LAST_YEAR + 1));
            }
            List<String> memberStates = distinctCodes(row, "member_states");
            if (memberStates.isEmpty()) {
                throw row.invalid(
                        "member_states", "lists no member state; list the states that reply in %d".formatted(cycle));
            }
            for (String iso3 : memberStates) {
                if (!members.isMember(iso3)) {
                    throw row.invalid(
                            "member_states",
                            "'%s' is not in the member list (codelists/members.csv); move it to non_member_territories or correct the code"
                                    .formatted(iso3));
                }
            }
            List<String> territories = distinctCodes(row, "non_member_territories");
            for (String iso3 : territories) {
                if (members.isMember(iso3)) {
                    throw row.invalid(
                            "non_member_territories",
                            "'%s' is a member state; list it under member_states".formatted(iso3));
                }
                if (!profiles.containsKey(iso3)) {
                    throw row.invalid(
                            "non_member_territories", "'%s' has no row in %s; add one".formatted(iso3, PROFILES));
                }
            }
            if (byCycle.putIfAbsent(cycle, new CycleResponse(cycle, memberStates, territories)) != null) {
                throw row.invalid("cycle", "cycle %d has a second row; keep one row per cycle".formatted(cycle));
            }
        }
        return new ArrayList<>(byCycle.values());
    }

    private static List<String> distinctCodes(InputTable.Row row, String column) {
        Set<String> seen = new TreeSet<>();
        for (String code : row.words(column)) {
            if (!seen.add(code)) {
                throw row.invalid(column, "'%s' is listed twice; list each state once".formatted(code));
            }
        }
        return List.copyOf(seen);
    }

    private static List<NationalOffence> readNationalOffences(InputTable table, Map<String, CountryProfile> profiles) {
        List<NationalOffence> offences = new ArrayList<>();
        Set<String> keys = new TreeSet<>();
        for (InputTable.Row row : table.rows()) {
            String country = row.required("country");
            if (!profiles.containsKey(country)) {
                throw row.invalid("country", "'%s' has no row in %s; add one".formatted(country, PROFILES));
            }
            String code = row.required("offence_code");
            if (!keys.add(country + " " + code)) {
                throw row.invalid("offence_code", "'%s' is listed twice for %s; keep one row".formatted(code, country));
            }
            String seriesCode = row.required("series");
            Optional<Series> series = Series.offenceSeries(seriesCode);
            if (series.isEmpty()) {
                throw row.invalid(
                        "series",
                        "unknown series '%s'; use one of %s".formatted(seriesCode, Series.offenceIndicatorCodes()));
            }
            try {
                offences.add(new NationalOffence(
                        country, code, row.required("offence_label"), series.get(), row.decimal("factor")));
            } catch (InputTable.InvalidInputException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw row.invalidRow(country + " " + code, e);
            }
        }
        return offences;
    }
}
