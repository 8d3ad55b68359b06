package org.observatory.api.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Numbers and dates by the CLDR data of each page locale, and message bundles that agree with each other. */
class LocalizerTest {
    private final Localizer spanish = new Localizer(Languages.SPANISH);
    private final Localizer english = new Localizer(Languages.ENGLISH);

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
    void formatsDatesInThePageLanguage() {
        assertThat(spanish.date(LocalDate.of(2026, 12, 7))).isEqualTo("7 de diciembre de 2026");
        assertThat(english.date(LocalDate.of(2026, 12, 7))).isEqualTo("December 7, 2026");
        assertThat(english.dateTime(Instant.parse("2026-12-07T17:49:00Z"))).isEqualTo("December 7, 2026, 17:49 UTC");
    }

    @Test
    void replacesPlaceholdersWithoutMessageFormatQuoting() {
        assertThat(english.text("layout.footer.vintage", "2026-11-01-a")).isEqualTo("Data vintage 2026-11-01-a.");
    }

    @Test
    void aMissingKeyFailsLoudlyAndSaysWhichBundleLacksIt() {
        assertThatThrownBy(() -> english.lookup("no.such.key"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The message bundle of 'en' has no key 'no.such.key'; add it to messages_en.properties");
    }

    @Test
    void everyLanguageHasEveryKeyOfEveryOtherAndNoBlankText() {
        Set<String> english = keys(Languages.ENGLISH).stringPropertyNames();
        for (Language language : Languages.PAGES.all()) {
            Properties texts = keys(language);
            assertThat(texts.stringPropertyNames())
                    .as("keys of messages_%s.properties", language.code())
                    .isEqualTo(english);
            texts.forEach((key, value) -> assertThat(value.toString())
                    .as("%s in %s", key, language.code())
                    .isNotBlank());
        }
    }

    @Test
    void languagesAreTwoLetterCodesOfTheirOwnLocale() {
        assertThatThrownBy(() -> new Language("es", java.util.Locale.US, "Español"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The locale en-US is not of language es");
        assertThat(Languages.PAGES.withoutPrefix("/es/countries/MEX")).isEqualTo("/countries/MEX");
        assertThat(Languages.PAGES.withoutPrefix("/en")).isEqualTo("/");
        assertThat(Languages.PAGES.withoutPrefix("/english")).isEqualTo("/english");
    }

    private static Properties keys(Language language) {
        String resource = "/org/observatory/api/page/messages_" + language.code() + ".properties";
        try (InputStream in = LocalizerTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Properties properties = new Properties();
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
