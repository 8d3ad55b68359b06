package org.observatory.schemas.codelist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Labels;
import org.observatory.schemas.text.Language;

class LabelsInFourLanguagesTest {
    private static final Set<String> COLUMNS = Set.of("codelist", "language", "codes", "status", "source");
    private static final LabelAudit SHIPPED = LabelAudit.shipped();

    @Test
    void everyCodeOfEveryShippedCodelistHasItsLabelInTheFourLanguages() {
        assertThat(SHIPPED.labelSets())
                .extracting(LabelSet::codelist, set -> set.labelsByCode().size())
                .containsExactly(
                        tuple(LabelAudit.COUNTRIES, 249),
                        tuple(LabelAudit.MEMBERS, 35),
                        tuple(LabelAudit.SUBREGIONS, 4),
                        tuple(LabelAudit.ICCS, 231),
                        tuple(LabelAudit.INDICATOR_NAMES, 20),
                        tuple(LabelAudit.INDICATOR_DEFINITIONS, 20),
                        tuple(LabelAudit.OBS_STATUS_LABELS, 17),
                        tuple(LabelAudit.OBS_STATUS_DESCRIPTIONS, 17),
                        tuple(LabelAudit.MATCH_QUALITY_NAMES, 4),
                        tuple(LabelAudit.MATCH_QUALITY_CAVEATS, 3),
                        tuple(LabelAudit.CTS_SECTIONS, 5));
        List<String> missing = new ArrayList<>();
        for (LabelSet set : SHIPPED.labelSets()) {
            set.labelsByCode().forEach((code, labels) -> Language.all().stream()
                    .filter(language -> labels.exactly(language).isEmpty())
                    .forEach(language -> missing.add(set.codelist() + " " + code + " " + language.code())));
        }

        assertThat(missing).isEmpty();
        assertThat(SHIPPED.findings()).noneMatch(LabelFinding::missing);
    }

    @Test
    void theLabelSourcesSayForEveryCodelistAndLanguageWhetherItsLabelsAreOfficial() {
        assertThat(SHIPPED.problems()).isEmpty();
        for (LabelSet set : SHIPPED.labelSets()) {
            for (Language language : Language.all()) {
                assertThat(LabelSources.load().find(set.codelist(), "any code", language))
                        .as(set.codelist() + " " + language.code())
                        .isPresent();
            }
        }
    }

    @Test
    void noLongPortugueseOrFrenchLabelIsTheEnglishOneLeftUntranslated() {
        List<String> untranslated = new ArrayList<>();
        for (LabelSet set : SHIPPED.labelSets()) {
            set.labelsByCode().forEach((code, labels) -> {
                String english = labels.text(Language.ENGLISH);
                for (Language language : List.of(Language.PORTUGUESE, Language.FRENCH, Language.SPANISH)) {
                    if (english.length() > 25
                            && labels.exactly(language).orElse("").equals(english)) {
                        untranslated.add(set.codelist() + " " + code + " " + language.code() + ": " + english);
                    }
                }
            });
        }

        assertThat(untranslated).isEmpty();
    }

    @Test
    void frenchLabelsUseTypographicApostrophesAndANoBreakSpaceBeforeHighPunctuation() {
        Pattern spaceBeforePunctuation = Pattern.compile("(^|[^\\u00a0\\u202f])[;:!?]");
        List<String> faulty = new ArrayList<>();
        for (LabelSet set : SHIPPED.labelSets()) {
            set.labelsByCode().forEach((code, labels) -> {
                String french = labels.exactly(Language.FRENCH).orElse("");
                if (french.contains("'")
                        || spaceBeforePunctuation.matcher(french).find()) {
                    faulty.add(set.codelist() + " " + code + ": " + french);
                }
            });
        }

        assertThat(faulty).isEmpty();
    }

    @Test
    void listsUnofficialLabelsByCodelistThenCodeThenLanguageWithTheirSource() {
        List<LabelFinding> findings = SHIPPED.findings();

        assertThat(findings)
                .isSortedAccordingTo(Comparator.comparing(LabelFinding::codelist)
                        .thenComparing(LabelFinding::code)
                        .thenComparing(LabelFinding::language));
        assertThat(findings)
                .filteredOn(finding -> finding.codelist().equals(LabelAudit.ICCS)
                        && finding.code().equals("0101"))
                .extracting(LabelFinding::language, finding -> finding.status().orElseThrow())
                .containsExactly(
                        tuple(Language.PORTUGUESE, LabelStatus.TRANSLATION),
                        tuple(Language.FRENCH, LabelStatus.TRANSLATION));
        assertThat(findings)
                .filteredOn(finding -> finding.codelist().equals(LabelAudit.MEMBERS)
                        && finding.code().equals("BOL"))
                .extracting(LabelFinding::language, finding -> finding.status().orElseThrow())
                .containsExactly(
                        tuple(Language.SPANISH, LabelStatus.COMMON),
                        tuple(Language.ENGLISH, LabelStatus.COMMON),
                        tuple(Language.PORTUGUESE, LabelStatus.TRANSLATION),
                        tuple(Language.FRENCH, LabelStatus.COMMON));
        assertThat(findings)
                .filteredOn(finding -> finding.codelist().equals(LabelAudit.SUBREGIONS))
                .extracting(LabelFinding::code, LabelFinding::language, finding -> finding.text()
                        .orElseThrow())
                .containsExactly(
                        tuple("005", Language.PORTUGUESE, "América do Sul"),
                        tuple("013", Language.PORTUGUESE, "América Central"),
                        tuple("021", Language.PORTUGUESE, "América Setentrional"),
                        tuple("029", Language.PORTUGUESE, "Caribe"));
        assertThat(findings)
                .noneMatch(finding ->
                        finding.status().filter(LabelStatus.OFFICIAL::equals).isPresent());
    }

    @Test
    void theUnNamesOfTheAmericasAreUsedWhereTheyDifferFromTheCommonOnes() {
        Countries countries = Countries.load();

        assertThat(countries.find("BOL").orElseThrow().names().byCode())
                .containsEntry("es", "Bolivia (Estado Plurinacional de)")
                .containsEntry("fr", "Bolivie (État plurinational de)")
                .containsEntry("pt", "Bolívia");
        assertThat(countries.find("VEN").orElseThrow().names().text(Language.SPANISH))
                .isEqualTo("Venezuela (República Bolivariana de)");
        assertThat(countries.find("USA").orElseThrow().names().text(Language.FRENCH))
                .isEqualTo("États-Unis d’Amérique");
        assertThat(Subregion.NORTHERN_AMERICA.names().text(Language.SPANISH)).isEqualTo("América septentrional");
        assertThat(Subregion.NORTHERN_AMERICA.names().text(Language.FRENCH)).isEqualTo("Amérique septentrionale");
    }

    @Test
    void aCodeWithoutItsPortugueseLabelIsListedAsMissingAndAnUncoveredCodelistAsAProblem() throws Exception {
        LabelSources sources = read(
                """
                codelist,language,codes,status,source
                sample,es,,translation,the project's translation
                sample,en,,official,ICCS 2015
                sample,fr,,translation,the project's translation
                sample,fr,B,official,ICCS 2015 French edition
                sample,fr,Z,official,a code that does not exist
                """);
        LabelSet sample = new LabelSet(
                "sample",
                Map.of(
                        "B", Labels.of("Robo", "Robbery", "Roubo", "Vol qualifié"),
                        "A", Labels.of("Hurto", "Theft", null, "Vol")));

        LabelAudit audit = new LabelAudit(List.of(sample), sources);

        assertThat(audit.findings())
                .extracting(
                        LabelFinding::code, LabelFinding::language, LabelFinding::missing, finding -> finding.status()
                                .map(LabelStatus::code)
                                .orElse("none"))
                .containsExactly(
                        tuple("A", Language.SPANISH, false, "translation"),
                        tuple("A", Language.PORTUGUESE, true, "none"),
                        tuple("A", Language.FRENCH, false, "translation"),
                        tuple("B", Language.SPANISH, false, "translation"),
                        tuple("B", Language.PORTUGUESE, false, "none"));
        assertThat(audit.problems())
                .containsExactly(
                        "codelists/label-sources.csv: no default row for codelist 'sample' in language 'pt'; add one"
                                + " saying whether those labels are official (and which publication) or the project's"
                                + " translation",
                        "codelists/label-sources.csv: codelist 'sample' has no code 'Z' (language 'fr'); remove it"
                                + " from the row's codes or correct it");
    }

    @Test
    void rejectsASecondDefaultRowForTheSameCodelistAndLanguageNamingBothLines() {
        assertThatThrownBy(
                        () -> read(
                                """
                        codelist,language,codes,status,source
                        iccs,fr,,translation,the project's translation
                        iccs,fr,,official,ICCS 2015 French edition
                        """))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("Codelist 'label-sources.csv' line 3: the iccs labels in fr are already given at line 2;"
                        + " keep one of the rows");
    }

    @Test
    void rejectsAnUnknownStatusOrLanguage() {
        assertThatThrownBy(
                        () -> read(
                                """
                        codelist,language,codes,status,source
                        iccs,fr,,verified,ICCS 2015 French edition
                        """))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("Codelist 'label-sources.csv' line 2: unknown status 'verified'; use one of [official,"
                        + " common, translation, original]");
        assertThatThrownBy(
                        () -> read(
                                """
                        codelist,language,codes,status,source
                        iccs,de,,official,ICCS 2015
                        """))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("Codelist 'label-sources.csv' line 2: column 'language' holds 'de'; use one of [es, en, pt,"
                        + " fr]");
    }

    private static LabelSources read(String csv) throws Exception {
        return LabelSources.read(CodelistFile.read("label-sources.csv", new StringReader(csv), COLUMNS));
    }
}
