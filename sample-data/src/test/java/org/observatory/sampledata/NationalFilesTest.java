package org.observatory.sampledata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.observatory.sampledata.CommittedData.CORRESPONDENCE;
import static org.observatory.sampledata.CommittedData.DATA;
import static org.observatory.sampledata.CommittedData.WINDOWS_1252;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.observatory.schemas.record.MatchQuality;

class NationalFilesTest {
    private static final Path COL = DATA.resolve("national/synthetic-col-incidentes-2022-2023.csv");
    private static final Path JAM = DATA.resolve("national/synthetic-jam-aggregated-2015-2023.csv");
    private static final Path CHL = DATA.resolve("national/synthetic-chl-agregado-2018-2023.csv");
    private static final Set<String> ALLOWED_ICCS_CODES =
            Set.of("0101", "0102", "0201", "020111", "020221", "03011", "03012", "0401", "0501", "0502", "05021");

    private static List<Map<String, String>> colombia() {
        return CommittedData.rows(COL, WINDOWS_1252, ';');
    }

    private static List<Map<String, String>> jamaica() {
        return CommittedData.rows(JAM, StandardCharsets.UTF_8, ',');
    }

    private static List<Map<String, String>> chile() {
        return CommittedData.rows(CHL, StandardCharsets.UTF_8, ';');
    }

    private static Map<String, Map<String, String>> correspondence(String country) {
        Map<String, Map<String, String>> byCode = new TreeMap<>();
        CommittedData.rows(CORRESPONDENCE.resolve(country + ".csv"), StandardCharsets.UTF_8, ',')
                .forEach(row -> byCode.put(row.get("national_code"), row));
        return byCode;
    }

    @Test
    void colombianFileIsWindows1252AndNotValidUtf8() throws CharacterCodingException {
        byte[] bytes = CommittedData.bytes(COL);

        assertThatThrownBy(() -> CommittedData.decode(bytes, StandardCharsets.UTF_8))
                .isInstanceOf(CharacterCodingException.class)
                .hasMessageContaining("Input length = 1");
        assertThat(CommittedData.decode(bytes, WINDOWS_1252)).contains("Bogotá D.C.", "Atlántico", "Nariño");
    }

    @Test
    void colombianFileIsASemicolonSpreadsheetExportWithCrlfAndDecimalCommas() {
        String text = CommittedData.text(COL, WINDOWS_1252);

        assertThat(text.replace("\r\n", "")).doesNotContain("\n", "\r");
        assertThat(CommittedData.headerOf(COL, WINDOWS_1252, ';'))
                .containsExactly(
                        "id_registro",
                        "fecha_hecho",
                        "codigo_delito",
                        "descripcion_delito",
                        "sexo_victima",
                        "grupo_edad",
                        "arma_empleo",
                        "departamento",
                        "latitud",
                        "longitud");
        assertThat(colombia()).hasSizeBetween(1_000, 30_000).allSatisfy(row -> {
            assertThat(row.get("fecha_hecho")).matches("\\d{2}/\\d{2}/202[23]");
            assertThat(row.get("latitud")).matches("-?\\d{1,2},\\d{5}");
            assertThat(row.get("longitud")).matches("-\\d{2},\\d{5}");
            assertThat(row.get("sexo_victima")).isIn("Hombre", "Mujer", "Sin dato");
            assertThat(row.get("grupo_edad")).isIn("0-17", "18-29", "30-44", "45-59", "60+");
            assertThat(row.get("arma_empleo")).isIn("Arma de fuego", "Arma blanca", "Sin empleo de armas");
            assertThat(row.get("codigo_delito")).matches("ART-\\d{3}(-T)?");
        });
        assertThat(colombia().stream().map(row -> row.get("id_registro")).distinct())
                .hasSize(colombia().size());
    }

    @Test
    void chileanFileStartsWithAUtf8ByteOrderMarkAndUsesSemicolons() {
        byte[] bytes = CommittedData.bytes(CHL);

        assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(CommittedData.headerOf(CHL, StandardCharsets.UTF_8, ';'))
                .containsExactly(
                        "pais",
                        "anio",
                        "codigo_delito",
                        "delito",
                        "cantidad",
                        "sexo",
                        "grupo_edad",
                        "mecanismo",
                        "estado",
                        "nota");
    }

    @Test
    void chileanEstimatesAreFractionalWithDecimalCommasAndFlaggedE() {
        List<Map<String, String>> estimates =
                chile().stream().filter(row -> row.get("estado").equals("E")).toList();

        assertThat(estimates).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("cantidad")).matches("\\d+,[1-9]");
            assertThat(row.get("nota")).startsWith("Estimación");
        });
        assertThat(chile())
                .filteredOn(row -> row.get("estado").isEmpty())
                .allSatisfy(row -> assertThat(row.get("cantidad")).matches("\\d+"));
    }

    @Test
    void jamaicanTotalsHaveTotalSexAndAgeAndNoMechanism() {
        assertThat(CommittedData.headerOf(JAM, StandardCharsets.UTF_8, ','))
                .containsExactly(
                        "country",
                        "year",
                        "offence_code",
                        "offence_label",
                        "count",
                        "sex",
                        "age_group",
                        "mechanism",
                        "flag",
                        "note");
        assertThat(jamaica())
                .filteredOn(row -> !row.get("offence_code").equals("MUR"))
                .allSatisfy(row -> {
                    assertThat(row.get("sex")).isEqualTo("Total");
                    assertThat(row.get("age_group")).isEqualTo("Total");
                    assertThat(row.get("mechanism")).isEmpty();
                });
        assertThat(jamaica().stream().map(row -> row.get("offence_label")).distinct())
                .containsExactly("Murder", "Shooting", "Aggravated assault", "Rape", "Robbery", "Break-in", "Larceny");
    }

    @Test
    void jamaicanMurderBreakdownsAddUpAndMatchTheCtsHomicideSeries() {
        Map<String, Integer> ctsHomicides = new HashMap<>();
        IntStream.rangeClosed(2016, 2024).forEach(cycle -> CommittedData.ctsRows(cycle).stream()
                .filter(row -> row.get("Iso3_code").equals("JAM")
                        && row.get("Indicator").equals("Victims of intentional homicide")
                        && row.get("Category").equals("Total")
                        && row.get("Sex").equals("Total")
                        && row.get("Unit of measurement").equals("Counts"))
                .forEach(row -> ctsHomicides.put(row.get("Year"), Integer.parseInt(row.get("VALUE")))));

        Map<String, Map<String, Integer>> murders = new TreeMap<>();
        jamaica().stream().filter(row -> row.get("offence_code").equals("MUR")).forEach(row -> murders.computeIfAbsent(
                        row.get("year"), year -> new HashMap<>())
                .put(row.get("sex") + "/" + row.get("mechanism"), Integer.parseInt(row.get("count"))));

        assertThat(murders.keySet()).hasSize(9).containsAll(ctsHomicides.keySet());
        murders.forEach((year, counts) -> {
            int total = counts.get("Total/");
            assertThat(counts.get("Male/") + counts.get("Female/")).as(year).isEqualTo(total);
            assertThat(counts.get("Total/Firearm") + counts.get("Total/Other"))
                    .as(year)
                    .isEqualTo(total);
            assertThat(total).as(year).isEqualTo(ctsHomicides.get(year));
        });
    }

    @Test
    void oneOrTwoJamaicanValuesAreProvisionalWithANote() {
        assertThat(jamaica())
                .filteredOn(row -> !row.get("flag").isEmpty())
                .hasSizeBetween(1, 2)
                .allSatisfy(row -> {
                    assertThat(row.get("flag")).isEqualTo("P");
                    assertThat(row.get("note")).isNotBlank();
                });
    }

    @ParameterizedTest
    @CsvSource({"COL, codigo_delito", "JAM, offence_code", "CHL, codigo_delito"})
    void everyNationalCodeIsInTheCountrysCorrespondenceTable(String country, String codeColumn) {
        List<Map<String, String>> rows =
                switch (country) {
                    case "COL" -> colombia();
                    case "JAM" -> jamaica();
                    default -> chile();
                };
        Map<String, Map<String, String>> table = correspondence(country);

        Set<String> used = rows.stream().map(row -> row.get(codeColumn)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(table.keySet()).containsAll(used);
        String labelColumn =
                country.equals("JAM") ? "offence_label" : (country.equals("COL") ? "descripcion_delito" : "delito");
        rows.forEach(row -> assertThat(row.get(labelColumn))
                .isEqualTo(table.get(row.get(codeColumn)).get("national_label")));
    }

    @ParameterizedTest
    @CsvSource({"COL", "JAM", "CHL"})
    void correspondenceTablesUseExistingIccsCodesAndExplainEveryNonFullMatch(String country) {
        Set<String> iccs = CommittedData.rows(CommittedData.ICCS, StandardCharsets.UTF_8, ',').stream()
                .map(row -> row.get("code"))
                .collect(Collectors.toSet());

        assertThat(CommittedData.headerOf(CORRESPONDENCE.resolve(country + ".csv"), StandardCharsets.UTF_8, ','))
                .containsExactly("national_code", "national_label", "iccs_code", "match_quality", "note");
        assertThat(correspondence(country).values()).allSatisfy(row -> {
            assertThat(row.get("iccs_code")).isIn(ALLOWED_ICCS_CODES).isIn(iccs);
            MatchQuality quality = MatchQuality.fromCode(row.get("match_quality"));
            if (quality != MatchQuality.FULL) {
                assertThat(row.get("note")).as(row.get("national_code")).isNotBlank();
            }
        });
    }

    @Test
    void jamaicanAndChileanTablesMapAsTheNationalDefinitionsRequire() {
        assertThat(mapping("JAM"))
                .containsExactly(
                        "AGG Aggravated assault 020111 full",
                        "BRK Break-in 0501 full",
                        "LAR Larceny 0502 full",
                        "MUR Murder 0101 full",
                        "RAP Rape 03011 narrower",
                        "ROB Robbery 0401 full",
                        "SHO Shooting 0102 partial");
        assertThat(mapping("CHL"))
                .containsExactly(
                        "HOM Homicidio 0101 partial",
                        "HUR Hurto 0502 full",
                        "LES-G Lesiones graves 020111 partial",
                        "ROB-LH Robo en lugar habitado 0501 broader",
                        "ROB-VI Robo con violencia o intimidación 0401 full",
                        "ROB-VM Robo de vehículo motorizado 05021 partial",
                        "VIO Violación 03011 full");
    }

    private static List<String> mapping(String country) {
        return correspondence(country).values().stream()
                .map(row -> String.join(
                        " ",
                        row.get("national_code"),
                        row.get("national_label"),
                        row.get("iccs_code"),
                        row.get("match_quality")))
                .toList();
    }

    @Test
    void coordinatesAreWrittenWithADecimalComma() {
        assertThat(ColombiaIncidentFileWriter.coordinate(-7408175)).isEqualTo("-74,08175");
        assertThat(ColombiaIncidentFileWriter.coordinate(460971)).isEqualTo("4,60971");
        assertThat(ColombiaIncidentFileWriter.coordinate(-5)).isEqualTo("-0,00005");
    }
}
