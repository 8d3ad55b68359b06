package org.observatory.schemas.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.observatory.schemas.codelist.CodelistFile;
import org.observatory.schemas.error.ObservatoryException;

class IccsTest {
    private static final Set<String> COLUMNS = Set.of("code", "level", "parent", "label_en");

    @Test
    void loadsEverySectionCategoryAndTheLevelFourCodesTheCatalogueUses() {
        Iccs iccs = Iccs.load();

        assertThat(iccs.atLevel(1))
                .extracting(IccsCategory::code)
                .containsExactly("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11");
        assertThat(iccs.atLevel(2)).hasSizeGreaterThanOrEqualTo(50);
        assertThat(iccs.atLevel(3)).hasSizeGreaterThanOrEqualTo(100);
        assertThat(iccs.require("0101").labelEn()).isEqualTo("Intentional homicide");
        assertThat(iccs.require("0101").labelEs()).isEqualTo("Homicidio intencional");
        assertThat(iccs.require("020111").labelEn()).isEqualTo("Serious assault");
        assertThat(iccs.require("020221").labelEn()).isEqualTo("Kidnapping");
        assertThat(iccs.require("03011").isWithin("0301")).isTrue();
        assertThat(iccs.all())
                .allSatisfy(category -> assertThat(category.labelEs()).isNotBlank());
    }

    @Test
    void rejectsADuplicateCodeNamingBothLines() throws Exception {
        String csv =
                """
                code,level,parent,label_en,label_es
                01,1,,Acts leading to death,Actos que causan la muerte
                0101,2,01,Intentional homicide,Homicidio intencional
                0101,2,01,Intentional homicide again,Homicidio intencional otra vez
                """;

        assertThatThrownBy(() -> Iccs.read(CodelistFile.read("iccs.csv", new StringReader(csv), COLUMNS)))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage(
                        "Codelist 'iccs.csv' line 4: duplicate code '0101' (first defined at line 3); remove one of the two rows");
    }

    @Test
    void rejectsAnUnknownParent() throws Exception {
        String csv =
                """
                code,level,parent,label_en,label_es
                01,1,,Acts leading to death,Actos que causan la muerte
                0201,2,02,Assaults and threats,Agresiones y amenazas
                """;

        assertThatThrownBy(() -> Iccs.read(CodelistFile.read("iccs.csv", new StringReader(csv), COLUMNS)))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage(
                        "Codelist 'iccs.csv' line 3: unknown parent code '02' for '0201'; define the parent on an earlier line");
    }

    @Test
    void rejectsAMissingEnglishLabel() throws Exception {
        String csv =
                """
                code,level,parent,label_en,label_es
                01,1,,,Actos que causan la muerte
                """;

        assertThatThrownBy(() -> Iccs.read(CodelistFile.read("iccs.csv", new StringReader(csv), COLUMNS)))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("Codelist 'iccs.csv' line 2: column 'label_en' is empty; every row needs a value there");
    }

    @Test
    void rejectsACodeWhoseLengthDoesNotMatchItsLevel() throws Exception {
        String csv =
                """
                code,level,parent,label_en,label_es
                01,1,,Acts leading to death,Actos que causan la muerte
                011,2,01,Intentional homicide,Homicidio intencional
                """;

        assertThatThrownBy(() -> Iccs.read(CodelistFile.read("iccs.csv", new StringReader(csv), COLUMNS)))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("Codelist 'iccs.csv' line 3: code '011' of level 2 must have 4 digits");
    }

    @Test
    void namesEveryMissingColumnOfTheHeader() {
        assertThatThrownBy(() -> CodelistFile.read("iccs.csv", new StringReader("code,level\n01,1\n"), COLUMNS))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage(
                        "Codelist 'iccs.csv' line 1: missing column(s) [label_en, parent]; the header must name [code, label_en, level, parent]");
    }

    @Test
    void mapsEveryDataUnodcCategoryToAKnownIndicatorAndIccsCode() {
        Iccs iccs = Iccs.load();
        CtsCategoryMapping mapping =
                CtsCategoryMapping.load(iccs, org.observatory.schemas.codelist.IndicatorCatalogue.load(iccs));

        assertThat(mapping.find("Violent offences", "by type of offence", "Sexual violence: Rape"))
                .hasValueSatisfying(category -> {
                    assertThat(category.indicatorCode()).contains("rape");
                    assertThat(category.iccsCode()).contains("03011");
                });
        assertThat(mapping.find(" offences ", "BY TYPE OF OFFENCE", "Theft: of a motorized vehicle"))
                .hasValueSatisfying(
                        category -> assertThat(category.indicatorCode()).contains("motor-vehicle-theft"));
        assertThat(mapping.find(
                        "Victims of intentional homicide", "by mechanisms", "Firearms or explosives - firearms"))
                .hasValueSatisfying(
                        category -> assertThat(category.breakdownType()).isEqualTo("mechanism"));
    }
}
