package org.observatory.schemas.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTest {
    enum Sample implements MessageCode {
        ROWS_REJECTED,
        MISSING_IN_FRENCH;

        @Override
        public String family() {
            return "sample";
        }

        @Override
        public String key() {
            return MessageCode.keyOf(this);
        }
    }

    @Test
    void aBareLanguageMeansItsAmericanLocaleAndARegionIsKept() {
        assertThat(Language.locale("fr")).contains(Locale.forLanguageTag("fr-CA"));
        assertThat(Language.locale("pt")).contains(Locale.forLanguageTag("pt-BR"));
        assertThat(Language.locale("es")).contains(Locale.forLanguageTag("es-419"));
        assertThat(Language.locale("en")).contains(Locale.forLanguageTag("en-US"));
        assertThat(Language.locale("fr_FR")).contains(Locale.forLanguageTag("fr-FR"));
        assertThat(Language.locale("de-DE")).isEmpty();
        assertThat(Language.locale("*")).isEmpty();
    }

    @Test
    void acceptLanguageFollowsTheWeightsAndSkipsUnsupportedLanguages() {
        assertThat(Language.negotiate("de-DE, pt-PT;q=0.8, en;q=0.9")).contains(Locale.forLanguageTag("en-US"));
        assertThat(Language.negotiate("de, fr;q=0.5")).contains(Locale.forLanguageTag("fr-CA"));
        assertThat(Language.negotiate("fr;q=0, es-MX")).contains(Locale.forLanguageTag("es-MX"));
        assertThat(Language.negotiate("de, it")).isEmpty();
        assertThat(Language.negotiate("not a header ;;; q=x")).isEmpty();
        assertThat(Language.negotiate("fr;q=-1, pt")).contains(Locale.forLanguageTag("pt-BR"));
        assertThat(Language.negotiate("es;q=abc, fr")).contains(Locale.forLanguageTag("fr-CA"));
        assertThat(Language.negotiate("fr_FR")).contains(Locale.forLanguageTag("fr-FR"));
        assertThat(Language.negotiate("en;q=0.2, fr_FR;q=0.9")).contains(Locale.forLanguageTag("fr-FR"));
    }

    @Test
    void rendersNamedPlaceholdersPluralsAndNumbersPerLocale() {
        Message one = Message.of(Sample.ROWS_REJECTED, "rows", 1, "column", "año");
        Message many = Message.of(Sample.ROWS_REJECTED, "rows", 12345, "column", "año");

        assertThat(one.english()).isEqualTo("1 row was rejected in column 'año'");
        assertThat(many.english()).isEqualTo("12,345 rows were rejected in column 'año'");
        assertThat(many.in(Locale.forLanguageTag("es-419")))
                .isEqualTo("Se rechazaron 12,345 filas en la columna «año»");
        assertThat(many.in(Locale.forLanguageTag("pt-BR")))
                .isEqualTo("12.345 linhas foram rejeitadas na coluna \"año\"");
        // French takes the singular for 0, Brazilian Portuguese the plural
        assertThat(Message.of(Sample.ROWS_REJECTED, "rows", 0, "column", "x").in(Language.PORTUGUESE))
                .isEqualTo("0 linhas foram rejeitadas na coluna \"x\"");
        assertThat(Message.of(Sample.ROWS_REJECTED, "rows", 0, "column", "x").english())
                .isEqualTo("0 rows were rejected in column 'x'");
    }

    @Test
    void frenchGroupsDigitsAsItsRegionDoes() {
        assertThat(Messages.format(1234567, Locale.forLanguageTag("fr-FR"))).isEqualTo("1\u202f234\u202f567");
        assertThat(Messages.format(1234567, Locale.forLanguageTag("fr-CA"))).isEqualTo("1\u00a0234\u00a0567");
        assertThat(Messages.format(1234.5, Locale.forLanguageTag("pt-BR"))).isEqualTo("1.234,5");
        assertThat(Messages.format("2021", Locale.forLanguageTag("fr-FR"))).isEqualTo("2021");
    }

    @Test
    void aMissingTextFallsBackToEnglish() {
        assertThat(Message.of(Sample.MISSING_IN_FRENCH).in(Language.FRENCH))
                .isEqualTo("Only some languages have this one");
    }

    @Test
    void theCheckFindsMissingTextsPlaceholderMismatchesAndStaleKeys() {
        assertThat(Messages.problems(Sample.class))
                .containsExactly(
                        "sample.rows-rejected in fr has placeholders [colonne, rows], English has [column, rows]",
                        "sample.missing-in-french has no fr text: add 'missing-in-french' to"
                                + " org.observatory.messages.sample_fr.properties",
                        "org.observatory.messages.sample_fr.properties has 'stale-key', which no code of Sample"
                                + " declares");
    }

    @Test
    void labelsFallBackToEnglishAndSaySo() {
        Labels labels = Labels.of("Bahamas", "Bahamas", null, " ");

        assertThat(labels.in(Language.FRENCH)).isEqualTo(new Labels.Label("Bahamas", Language.ENGLISH));
        assertThat(labels.in(Language.SPANISH)).isEqualTo(new Labels.Label("Bahamas", Language.SPANISH));
        assertThat(labels.byCode()).isEqualTo(Map.of("es", "Bahamas", "en", "Bahamas"));
        assertThatThrownBy(() -> Labels.of("Bahamas", "", "Bahamas", "Bahamas"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a label needs its English text");
    }

    @Test
    void aStoredMessageIsRenderedAgainInAnyLanguage() {
        Message stored = Message.of(Sample.ROWS_REJECTED, "rows", 2, "column", "year");

        Message decoded = Message.decode(stored.code().code(), Map.of("rows", 2L, "column", "year"))
                .orElseThrow();

        assertThat(decoded.in(Language.FRENCH)).isEqualTo(stored.in(Language.FRENCH));
        assertThat(decoded.in(Language.FRENCH)).isEqualTo("2 lignes ont été rejetées dans la colonne « {colonne} »");
        assertThat(Message.decode("Not a code", Map.of())).isEmpty();
    }

    @Test
    void aLabelArgumentIsWrittenInTheMessagesLanguage() {
        Message message = Message.of(
                Sample.ROWS_REJECTED, "rows", 3, "column", Labels.of("Brasil", "Brazil", "Brasil", "Brésil"));

        assertThat(message.in(Language.FRENCH)).isEqualTo("3 lignes ont été rejetées dans la colonne « {colonne} »");
        assertThat(message.english()).isEqualTo("3 rows were rejected in column 'Brazil'");
        assertThat(message.in(Language.SPANISH)).isEqualTo("Se rechazaron 3 filas en la columna «Brasil»");
        assertThat(message.arguments().get("column"))
                .as("the argument stays language-free until rendered")
                .isInstanceOf(Labels.class);
    }

    @Test
    void argumentsComeInPairs() {
        assertThatThrownBy(() -> Message.of(Sample.ROWS_REJECTED, "rows"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("arguments of sample.rows-rejected come in name-value pairs, got 1");
    }
}
