package org.observatory.api.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.CtsSection;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.record.MatchQuality;
import org.observatory.schemas.text.Labels;
import org.observatory.schemas.text.Language;

/**
 * Numbers and dates by the CLDR data of each page locale, codelist labels in the page's language, and message
 * bundles in the four languages that agree with each other.
 */
class LocalizerTest {
    /** An argument {@code {0}} or a plural choice {@code {0|one|other}}, which must be the same in every language. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)(\\|[^{}|]*\\|[^{}|]*)?}");

    private final Localizer spanish = new Localizer(Language.SPANISH);
    private final Localizer english = new Localizer(Language.ENGLISH);
    private final Localizer portuguese = new Localizer(Language.PORTUGUESE);
    private final Localizer french = new Localizer(Language.FRENCH);
    private final Localizer franceFrench = new Localizer(Language.FRENCH, Locale.forLanguageTag("fr-FR"));

    @Test
    void formatsNumbersByTheCldrDataOfLatinAmericanSpanishAndUsEnglish() {
        assertThat(spanish.locale().toLanguageTag()).isEqualTo("es-419");
        assertThat(spanish.integer(1_234_567)).isEqualTo("1,234,567");
        assertThat(spanish.decimal(1234.5, 1)).isEqualTo("1,234.5");
        assertThat(english.locale().toLanguageTag()).isEqualTo("en-US");
        assertThat(english.integer(1_234_567)).isEqualTo("1,234,567");
        assertThat(english.decimal(6.125, 2)).isEqualTo("6.12");
        assertThat(english.percent(0.543)).isEqualTo("54.3%");
    }

    @Test
    void formatsNumbersByTheCldrDataOfBrazilianPortugueseAndCanadianOrFranceFrench() {
        assertThat(portuguese.tag()).isEqualTo("pt-BR");
        assertThat(portuguese.integer(1_234_567)).isEqualTo("1.234.567");
        assertThat(portuguese.decimal(1234.5, 1)).isEqualTo("1.234,5");
        assertThat(portuguese.percent(0.543)).isEqualTo("54,3%");
        assertThat(french.tag()).isEqualTo("fr-CA");
        assertThat(french.integer(1_234_567))
                .as("fr-CA groups digits with a no-break space U+00A0")
                .isEqualTo("1\u00a0234\u00a0567");
        assertThat(french.decimal(1234.5, 1)).isEqualTo("1\u00a0234,5");
        assertThat(french.percent(0.543)).isEqualTo("54,3\u00a0%");
        assertThat(franceFrench.tag()).isEqualTo("fr-FR");
        assertThat(franceFrench.integer(1_234_567))
                .as("fr-FR groups digits with a narrow no-break space U+202F")
                .isEqualTo("1\u202f234\u202f567");
    }

    @Test
    void formatsDatesInThePageLanguage() {
        assertThat(spanish.date(LocalDate.of(2026, 12, 7))).isEqualTo("7 de diciembre de 2026");
        assertThat(english.date(LocalDate.of(2026, 12, 7))).isEqualTo("December 7, 2026");
        assertThat(english.dateTime(Instant.parse("2026-12-07T17:49:00Z"))).isEqualTo("December 7, 2026, 17:49 UTC");
        assertThat(portuguese.dateTime(Instant.parse("2026-12-07T17:49:00Z")))
                .isEqualTo("7 de dezembro de 2026, 17:49 UTC");
        assertThat(french.dateTime(Instant.parse("2026-12-07T17:49:00Z"))).isEqualTo("7 décembre 2026 à 17:49 UTC");
    }

    @Test
    void replacesPlaceholdersWithoutMessageFormatQuoting() {
        assertThat(english.text("layout.footer.vintage", "2026-11-01-a")).isEqualTo("Data vintage 2026-11-01-a.");
        assertThat(french.text("country.title", "Haïti"))
                .isEqualTo("Haïti\u00a0: statistiques du crime et de la violence");
    }

    @Test
    void aMissingKeyFailsLoudlyAndSaysWhichBundleLacksIt() {
        assertThatThrownBy(() -> portuguese.lookup("no.such.key"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The message bundle of 'pt' has no key 'no.such.key'; add it to messages_pt.properties");
    }

    @Test
    void aLocaleOfAnotherLanguageIsRefused() {
        assertThatThrownBy(() -> new Localizer(Language.FRENCH, Locale.US))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The locale en-US is not of the language fr");
    }

    @Test
    void codelistLabelsComeInThePageLanguageAndFallBackToEnglish() {
        MemberState brazil = Codelists.load().members().find("BRA").orElseThrow();
        assertThat(spanish.country(brazil)).isEqualTo(brazil.names().text(Language.SPANISH));
        assertThat(portuguese.country(brazil)).isEqualTo(brazil.names().text(Language.PORTUGUESE));
        assertThat(french.section(CtsSection.PROSECUTION)).isEqualTo("Poursuites");
        assertThat(portuguese.matchQuality(MatchQuality.BROADER)).isEqualTo("Definição mais ampla");
        assertThat(french.caveat(MatchQuality.PARTIAL).orElseThrow())
                .startsWith("La définition nationale ne correspond qu’en partie");
        assertThat(french.caveat(MatchQuality.FULL)).isEmpty();
        Labels onlyEnglish = Labels.of(null, "Only English", null, null);
        assertThat(french.label(onlyEnglish)).isEqualTo("Only English");
        assertThat(french.langOf(onlyEnglish))
                .as("a fallen-back label names its language")
                .isEqualTo("en");
        assertThat(english.langOf(onlyEnglish)).isNull();
    }

    @Test
    void everyLanguageHasEveryKeyOfEveryOtherWithTheSamePlaceholdersAndNoBlankText() {
        Properties english = keys(Language.ENGLISH);
        assertThat(english.stringPropertyNames()).hasSizeGreaterThan(400);
        for (Language language : Languages.PAGES.all()) {
            Properties texts = keys(language);
            assertThat(new TreeSet<>(texts.stringPropertyNames()))
                    .as("keys of messages_%s.properties", language.code())
                    .isEqualTo(new TreeSet<>(english.stringPropertyNames()));
            for (String key : english.stringPropertyNames()) {
                String text = texts.getProperty(key);
                assertThat(text).as("%s in %s", key, language.code()).isNotBlank();
                assertThat(placeholders(text))
                        .as("placeholders of %s in %s", key, language.code())
                        .isEqualTo(placeholders(english.getProperty(key)));
            }
        }
    }

    @Test
    void frenchTextsKeepTheNoBreakSpacesOfFrenchTypography() {
        keys(Language.FRENCH).forEach((key, value) -> assertThat(value.toString())
                .as("French %s: a no-break space before ; : ! ? » and after «", key)
                .doesNotContain(" :", " ;", " !", " ?", " »", "« "));
    }

    @Test
    void countsOnPagesTakeTheSingularByEachLanguagesCldrRule() {
        assertThat(english.text("receipt.issues.summary", 1, 0)).isEqualTo("1 error and 0 warnings.");
        assertThat(english.text("receipt.issues.summary", 7, 1_234)).isEqualTo("7 errors and 1,234 warnings.");
        assertThat(spanish.text("receipt.issues.summary", 1, 0)).isEqualTo("1 error y 0 advertencias.");
        assertThat(spanish.text("receipt.issues.summary", 7, 2)).isEqualTo("7 errores y 2 advertencias.");
        assertThat(portuguese.text("receipt.issues.summary", 1, 0))
                .as("Portuguese: 0 and 1 take the singular")
                .isEqualTo("1 erro e 0 avisos.");
        assertThat(portuguese.text("receipt.issues.count.error", 2)).isEqualTo("2 erros");
        assertThat(french.text("receipt.issues.summary", 7, 0)).isEqualTo("7 erreurs et 0 avertissement.");
        assertThat(french.text("receipt.issues.count.warning", 1_234)).isEqualTo("1\u00a0234 avertissements");
        StringOutput output = new StringOutput();
        french.localize("receipt.issues.summary", 1L, 2).writeTo(output);
        assertThat(output.toString())
                .as("a template's text makes the same choice")
                .isEqualTo("1 erreur et 2 avertissements.");
        for (Language language : Languages.PAGES.all()) {
            keys(language).forEach((key, value) -> assertThat(value.toString())
                    .as("%s in %s: a count takes a plural choice, not (s)", key, language.code())
                    .doesNotContain("(s)", "(es)"));
        }
    }

    @Test
    void aPluralChoiceWithoutANumberFailsLoudly() {
        assertThatThrownBy(() -> french.text("receipt.issues.count.error", "7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The text 'receipt.issues.count.error' chooses a plural by its argument 0, which must be a"
                        + " whole number, not 7");
    }

    @Test
    void aLabelAndItsValueFollowEachLanguagesTypography() {
        assertThat(french.labelValue("2023", "Provisoire")).isEqualTo("2023\u00a0: Provisoire");
        assertThat(french.colon()).isEqualTo("\u00a0:");
        assertThat(english.labelValue("2023", "Provisional")).isEqualTo("2023: Provisional");
        assertThat(spanish.colon()).isEqualTo(":");
        assertThat(portuguese.labelValue("Fonte", "X")).isEqualTo("Fonte: X");
        assertThat(french.text("format.semicolon", "Infractions", "taux")).isEqualTo("Infractions\u00a0; taux");
    }

    @Test
    void frenchCountNounsElideBeforeAVowel() {
        assertThat(french.text("country.count.offences")).isEqualTo("Nombre d’infractions");
        assertThat(french.text("country.count.victims")).isEqualTo("Nombre de victimes");
        assertThat(french.text("country.count.persons")).isEqualTo("Nombre de personnes");
        assertThat(french.text("country.count.percent")).isEqualTo("Pourcentage des répondants");
        assertThat(french.text("country.countInTitle.offences")).isEqualTo("nombre d’infractions");
    }

    @Test
    void englishTextsNeedNoLangAttributeOnAnEnglishPage() {
        assertThat(english.langOfEnglish()).isNull();
        assertThat(french.langOfEnglish()).isEqualTo("en");
        assertThat(portuguese.langOfEnglish()).isEqualTo("en");
    }

    @Test
    void pathsLoseTheirLanguagePrefix() {
        assertThat(Languages.PAGES.withoutPrefix("/es/countries/MEX")).isEqualTo("/countries/MEX");
        assertThat(Languages.PAGES.withoutPrefix("/fr/countries/HTI")).isEqualTo("/countries/HTI");
        assertThat(Languages.PAGES.withoutPrefix("/pt")).isEqualTo("/");
        assertThat(Languages.PAGES.withoutPrefix("/english")).isEqualTo("/english");
    }

    @Test
    void theLocaleIsTheRegionAcceptLanguageNamesForThePageLanguageElseItsDefault() {
        assertThat(Languages.locale(Language.FRENCH, "fr-FR, fr;q=0.9, en;q=0.5")
                        .toLanguageTag())
                .isEqualTo("fr-FR");
        assertThat(Languages.locale(Language.FRENCH, "fr, en-GB;q=0.5").toLanguageTag())
                .isEqualTo("fr-CA");
        assertThat(Languages.locale(Language.PORTUGUESE, "fr-FR").toLanguageTag())
                .as("a region of another language says nothing about this one")
                .isEqualTo("pt-BR");
        assertThat(Languages.locale(Language.PORTUGUESE, "pt-PT;q=0.2, fr").toLanguageTag())
                .isEqualTo("pt-PT");
        assertThat(Languages.locale(Language.SPANISH, "es-MX;q=0, es").toLanguageTag())
                .as("a refused region (q=0) is passed over")
                .isEqualTo("es-419");
        assertThat(Languages.locale(Language.ENGLISH, "not a header;;").toLanguageTag())
                .isEqualTo("en-US");
        assertThat(Languages.PAGES.accepted("de, fr-CA;q=0.8, en;q=0.5")).contains(Language.FRENCH);
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(2) == null ? "{" + matcher.group(1) + "}" : "{" + matcher.group(1) + "|plural}");
        }
        return found;
    }

    private static Properties keys(Language language) {
        String resource = "/org/observatory/api/page/messages_" + language.code() + ".properties";
        try (InputStream in = LocalizerTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
