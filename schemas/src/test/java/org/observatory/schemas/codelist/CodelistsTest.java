package org.observatory.schemas.codelist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.schemas.classification.Iccs;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.CorrespondenceTable;
import org.observatory.schemas.record.MatchQuality;

class CodelistsTest {
    @TempDir
    Path temporary;

    @Test
    void loadsEveryIsoCountryAndTellsUnknownCodesFromNonMembers() {
        Countries countries = Countries.load();

        assertThat(countries.size()).isEqualTo(249);
        assertThat(countries.find("jam")).hasValueSatisfying(country -> {
            assertThat(country.alpha2()).isEqualTo("JM");
            assertThat(country.m49()).isEqualTo("388");
        });
        assertThat(countries.find("FR")).map(Country::alpha3).contains("FRA");
        assertThat(countries.find("484")).map(Country::alpha3).contains("MEX");
        assertThat(countries.find("GBR_EW")).isEmpty();
        assertThat(countries.find("XKX")).isEmpty();
    }

    @Test
    void theDefaultMemberListIsThe35OasMemberStatesOrderedByCode() {
        MemberList members = MemberList.load(Countries.load());

        assertThat(members.all()).hasSize(35);
        assertThat(members.forCycle(2009)).hasSize(35);
        assertThat(members.all()).extracting(MemberState::iso3).isSorted();
        assertThat(members.find("BMU")).isEmpty();
        assertThat(members.find("PRI")).isEmpty();
        assertThat(members.find("MEX")).hasValueSatisfying(mexico -> {
            assertThat(mexico.nameEs()).isEqualTo("México");
            assertThat(mexico.subregion()).isEqualTo(Subregion.CENTRAL_AMERICA);
        });
        assertThat(members.all().stream().filter(member -> member.subregion() == Subregion.NORTHERN_AMERICA))
                .extracting(MemberState::iso3)
                .containsExactly("CAN", "USA");
        assertThat(members.all().stream().filter(member -> member.subregion() == Subregion.CENTRAL_AMERICA))
                .extracting(MemberState::iso3)
                .containsExactly("BLZ", "CRI", "GTM", "HND", "MEX", "NIC", "PAN", "SLV");
        assertThat(members.all().stream().filter(member -> member.subregion() == Subregion.CARIBBEAN))
                .hasSize(13);
        assertThat(members.all().stream().filter(member -> member.subregion() == Subregion.SOUTH_AMERICA))
                .hasSize(12);
        assertThat(members.all().stream()
                        .sorted(MemberList.BY_SUBREGION_THEN_CODE)
                        .map(MemberState::iso3)
                        .limit(3))
                .containsExactly("CAN", "USA", "BLZ");
    }

    @Test
    void aDeploymentMemberListCanBoundMembershipBySurveyCycle() throws Exception {
        Path file = temporary.resolve("members.csv");
        Files.writeString(
                file,
                """
                iso3,name_en,name_es,subregion,first_cycle,last_cycle
                NIC,Nicaragua,Nicaragua,Central America,,2023
                CRI,Costa Rica,Costa Rica,Central America,2012,
                """);

        MemberList members = MemberList.load(file, Countries.load());

        assertThat(members.forCycle(2010)).extracting(MemberState::iso3).containsExactly("NIC");
        assertThat(members.forCycle(2020)).extracting(MemberState::iso3).containsExactly("CRI", "NIC");
        assertThat(members.forCycle(2024)).extracting(MemberState::iso3).containsExactly("CRI");
    }

    @Test
    void rejectsAMemberThatIsNotAnIsoCountry() throws Exception {
        Path file = temporary.resolve("members.csv");
        Files.writeString(
                file, "iso3,name_en,name_es,subregion,first_cycle,last_cycle\nXXX,Nowhere,Ninguna,Caribbean,,\n");

        assertThatThrownBy(() -> MemberList.load(file, Countries.load()))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage(
                        "Codelist '%s' line 2: 'XXX' is not an ISO 3166-1 alpha-3 code; use the code from codelists/countries.csv"
                                .formatted(file));
    }

    @Test
    void theIndicatorCatalogueHasThePublicCodesEachWithSectionUnitAndFormula() {
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(Iccs.load());

        assertThat(catalogue.all())
                .extracting(Indicator::code)
                .contains(
                        "intentional-homicide",
                        "serious-assault",
                        "kidnapping",
                        "sexual-violence",
                        "rape",
                        "robbery",
                        "burglary",
                        "theft",
                        "motor-vehicle-theft",
                        "police-personnel",
                        "persons-arrested-suspected",
                        "persons-prosecuted",
                        "persons-convicted",
                        "persons-held-in-prison");
        assertThat(catalogue.find("intentional-homicide")).hasValueSatisfying(homicide -> {
            assertThat(homicide.iccsCodes()).containsExactly("0101");
            assertThat(homicide.ctsSection()).isEqualTo(CtsSection.POLICE);
            assertThat(homicide.formula()).isEqualTo("rate = count / resident population x 100000");
        });
        assertThat(catalogue.find("persons-convicted").orElseThrow().ctsSection())
                .isEqualTo(CtsSection.COURTS);
        assertThat(catalogue.find("persons-held-in-prison").orElseThrow().ctsSection())
                .isEqualTo(CtsSection.PRISONS);
        assertThat(catalogue.coveringIccsCode("03011"))
                .extracting(Indicator::code)
                .containsExactly("sexual-violence", "rape");
        assertThat(catalogue.all())
                .allSatisfy(indicator -> assertThat(indicator.definition()).isNotBlank());
    }

    @Test
    void everyIndicatorHasItsDefinitionInEnglishAndSpanish() {
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(Iccs.load());

        assertThat(catalogue.all()).hasSize(20).allSatisfy(indicator -> {
            assertThat(indicator.definitionEs()).isNotBlank().isNotEqualTo(indicator.definition());
            // the Spanish definition names the ICCS codes the English one names
            for (String code : indicator.iccsCodes()) {
                if (indicator.definition().contains("ICCS " + code)) {
                    assertThat(indicator.definitionEs()).contains("ICCS " + code);
                }
            }
        });
        assertThat(catalogue.find("intentional-homicide").orElseThrow().definitionEs())
                .startsWith("Muerte ilícita causada a una persona")
                .contains("indicador 16.1.1 de los ODS");
    }

    @Test
    void loadsAllCodelistsTogetherIncludingFlags() {
        Codelists codelists = Codelists.load();

        assertThat(codelists.observationStatuses().find("e"))
                .hasValueSatisfying(status -> assertThat(status.labelEn()).isEqualTo("Estimated value"));
        assertThat(codelists.observationStatuses().all())
                .extracting(status -> status.code())
                .contains("A", "B", "E", "P", "Q");
    }

    @Test
    void readsACorrespondenceTableAndRejectsAnUnknownMatchQuality() throws Exception {
        Iccs iccs = Iccs.load();
        Path good = temporary.resolve("good.csv");
        Files.writeString(
                good,
                """
                national_code,national_label,iccs_code,match_quality,note
                ART-103,Homicidio,0101,full,
                ART-111,Lesiones personales,020111,broader,Includes minor injuries
                """);
        Path bad = temporary.resolve("bad.csv");
        Files.writeString(bad, "national_code,national_label,iccs_code,match_quality,note\nX,Y,0101,approximate,\n");

        CorrespondenceTable table = CorrespondenceTable.load("COL", good, iccs);

        assertThat(table.find("ART-111")).hasValueSatisfying(entry -> {
            assertThat(entry.matchQuality()).isEqualTo(MatchQuality.BROADER);
            assertThat(entry.matchQuality().caveat()).isPresent();
        });
        assertThat(table.entries()).extracting(entry -> entry.nationalCode()).isEqualTo(List.of("ART-103", "ART-111"));
        assertThatThrownBy(() -> CorrespondenceTable.load("COL", bad, iccs))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage(
                        "Codelist '%s' line 2: unknown match quality 'approximate'; use one of [full, partial, broader, narrower]"
                                .formatted(bad));
    }
}
