package org.observatory.api.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.observatory.api.query.ResponseRecord;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.text.Language;
import org.observatory.schemas.text.Messages;

/**
 * The response-rate report in the four languages: the same figures, codes and order in every rendering; the text
 * and HTML written in the language, numbers, percentages and dates by the CLDR rules of the locale named; the CSV
 * and the JSON language-free but for the synthetic-data notice.
 */
class ResponseRateReportLanguagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Codelists CODELISTS = Codelists.load();
    private static final Locale SPANISH = Locale.forLanguageTag("es-419");
    private static final Locale ENGLISH = Locale.forLanguageTag("en-US");
    private static final Locale PORTUGUESE = Locale.forLanguageTag("pt-BR");
    private static final Locale FRENCH = Locale.forLanguageTag("fr-CA");
    private static final Locale FRANCE = Locale.forLanguageTag("fr-FR");
    private static final List<Locale> FOUR = List.of(SPANISH, ENGLISH, PORTUGUESE, FRENCH);
    private static final char NO_BREAK = '\u00a0';
    private static final char NARROW_NO_BREAK = '\u202f';

    private static ResponseRateReport report(boolean synthetic) {
        List<ResponseRecord> replies = new ArrayList<>();
        for (String country : List.of("BRA", "CAN", "HTI", "MEX")) {
            replies.add(reply(country, 2009, "2009-05-01T10:00:00Z", "intentional-homicide"));
        }
        replies.add(reply("BRA", 2010, "2010-06-30T23:59:59Z", "intentional-homicide"));
        replies.add(reply("BRA", 2010, "2010-06-30T23:59:59Z", "persons-prosecuted"));
        replies.add(reply("CAN", 2010, "2010-07-02T08:00:00Z", "intentional-homicide"));
        replies.add(reply("HTI", 2010, "2010-05-01T08:00:00Z", "robbery"));
        return ResponseRateReports.build(
                2010,
                "snapshot-1",
                synthetic,
                replies,
                CODELISTS.members(),
                CODELISTS.indicators(),
                new ResponseDeadlines(Map.of(2010, LocalDate.parse("2010-06-30"))));
    }

    private static ResponseRecord reply(String country, int cycle, String acceptedAt, String indicator) {
        return new ResponseRecord(country, cycle, "cts-" + cycle, Instant.parse(acceptedAt), indicator, 2, false);
    }

    @Test
    void reportMessagesHaveEveryTextInTheFourLanguages() {
        assertThat(Messages.problems(ReportMessage.class)).isEmpty();
    }

    @Test
    void rendersTheSameFiguresCodesAndOrderInEachLanguageWithItsOwnWords() throws Exception {
        ResponseRateReport report = report(false);
        List<String> texts = new ArrayList<>();
        for (Locale locale : FOUR) {
            String text = ReportFormat.text.render(report, locale);
            texts.add(text);
            assertThat(codesInOrder(text)).as(locale.toLanguageTag()).isEqualTo(codesInOrder(texts.get(0)));
            assertThat(ReportFormat.csv.render(report, locale))
                    .as("the CSV is language-free")
                    .isEqualTo(ReportFormat.csv.render(report, ENGLISH));
            assertThat(withoutWords(JSON.readTree(ReportFormat.json.render(report, locale))))
                    .as("the JSON's codes and numbers are language-free")
                    .isEqualTo(withoutWords(JSON.readTree(ReportFormat.json.render(report, ENGLISH))));
        }
        assertThat(texts).doesNotHaveDuplicates();

        assertThat(texts.get(0))
                .as("es-419")
                .contains("Estados miembros que respondieron: 3 de 35 (8.6" + NO_BREAK + "%)")
                .contains("Plazo 30 de junio de 2010: 2 a tiempo, 1 con retraso")
                .contains("  HTI  " + name("HTI", Language.SPANISH) + " ")
                .contains("Caribe");
        assertThat(texts.get(1))
                .as("en-US")
                .contains("Responding member states: 3 of 35 (8.6%)")
                .contains("Change against cycle 2009: -1 (-25%), from 4 responding")
                .contains("Deadline June 30, 2010: 2 on time, 1 late");
        assertThat(texts.get(2))
                .as("pt-BR")
                .contains("Estados membros que responderam: 3 de 35 (8,6%)")
                .contains("Prazo 30 de junho de 2010: 2 no prazo, 1 com atraso")
                .contains("Completude das respostas: 6,7% (4 de 60; Polícia 6,7%, Ministério Público 33,3%")
                .contains("América do Sul");
        assertThat(texts.get(3))
                .as("fr-CA")
                .contains("États membres ayant répondu" + NO_BREAK + ": 3 sur 35 (8,6" + NO_BREAK + "%)")
                .contains("Échéance 30 juin 2010" + NO_BREAK + ": 2 dans les délais, 1 en retard")
                .contains("  HTI  " + name("HTI", Language.FRENCH) + " ")
                .contains("Amérique du Sud");
    }

    @Test
    void writesNumbersAsTheNamedLocaleDoes() {
        assertThat(new ReportWords(ENGLISH).integer(12345)).isEqualTo("12,345");
        assertThat(new ReportWords(PORTUGUESE).integer(12345)).isEqualTo("12.345");
        assertThat(new ReportWords(FRENCH).integer(12345)).isEqualTo("12" + NO_BREAK + "345");
        assertThat(new ReportWords(FRANCE).integer(12345)).isEqualTo("12" + NARROW_NO_BREAK + "345");
        assertThat(new ReportWords(FRENCH).percent(25.3)).isEqualTo("25,3" + NO_BREAK + "%");
        assertThat(new ReportWords(FRANCE).percent(25.3))
                .as("the JDK's CLDR data puts a no-break space before the percent sign in fr-FR too")
                .isEqualTo("25,3" + NO_BREAK + "%");
        assertThat(new ReportWords(ENGLISH).percent(25.3)).isEqualTo("25.3%");
        assertThat(new ReportWords(PORTUGUESE).percent(25.3)).isEqualTo("25,3%");
        assertThat(new ReportWords(PORTUGUESE).change(new ResponseRateReport.Change(2009, 5, 14, 280.0)))
                .isEqualTo("+14 (+280%)");
        assertThat(new ReportWords(FRENCH).date("2010-06-30")).isEqualTo("30 juin 2010");
        assertThat(new ReportWords(PORTUGUESE).date("2010-06-30")).isEqualTo("30 de junho de 2010");
    }

    @Test
    void writesThePageInTheLanguageWithTheMemberNamesOfTheLanguage() {
        ResponseRateReport report = report(true);

        String portuguese = ReportFormat.html.render(report, PORTUGUESE);
        assertThat(portuguese)
                .contains("<html lang=\"pt-BR\">")
                .contains("<title>SINTÉTICO - Taxas de resposta, ciclo 2010 da UN-CTS</title>")
                .contains("<p class=\"synthetic\" role=\"alert\">DADOS SINTÉTICOS DE DEMONSTRAÇÃO")
                .contains("<dd id=\"responding\">3 de 35 (8,6%)</dd>")
                .contains("<th class=\"text\">Sub-região</th>")
                .contains("<td class=\"text\">BRA</td><td class=\"text\">" + name("BRA", Language.PORTUGUESE) + "</td>")
                .doesNotContain("Responding member states");
        String french = ReportFormat.html.render(report, FRANCE);
        assertThat(french)
                .contains("<html lang=\"fr-FR\">")
                .contains("<dd id=\"responding\">3 sur 35 (8,6" + NO_BREAK + "%)</dd>")
                .contains("<td class=\"text\">HTI</td><td class=\"text\">" + name("HTI", Language.FRENCH) + "</td>")
                .contains("Ponctualité")
                .doesNotContain("Responding member states");
    }

    @Test
    void keepsTheJsonCodesAndNumbersAndPutsTheNoticeAndTheNamesInTheLanguage() throws Exception {
        ResponseRateReport report = report(true);
        ObjectMapper mapper = new ObjectMapper();

        JsonNode french = mapper.readTree(ReportFormat.json.render(report, FRENCH));
        JsonNode english = mapper.readTree(ReportFormat.json.render(report, ENGLISH));

        assertThat(french.get("notice").asText()).startsWith("DONNÉES SYNTHÉTIQUES DE DÉMONSTRATION");
        JsonNode canada = french.get("subregions").get(0).get("countries").get(0);
        assertThat(canada.get("iso3").asText()).isEqualTo("CAN");
        assertThat(canada.get("nameEn").asText()).isEqualTo("Canada");
        assertThat(canada.get("name").asText()).isEqualTo(name("CAN", Language.FRENCH));
        assertThat(canada.get("names").get("pt").asText()).isEqualTo(name("CAN", Language.PORTUGUESE));
        assertThat(canada.has("nameLanguage"))
                .as("a name in the language itself")
                .isFalse();
        assertThat(french.get("subregions").get(0).get("subregion").get("name").asText())
                .isEqualTo("Amérique septentrionale");
        assertThat(french.get("heatmap").get("countries").get(0).get("name").asText())
                .isNotBlank();
        assertThat(withoutWords(french))
                .as("codes and numbers are the same in every language")
                .isEqualTo(withoutWords(english));
        assertThat(ReportFormat.csv.render(report, PORTUGUESE).lines().skip(1))
                .allMatch(
                        line -> line.endsWith(",true,\"DADOS SINTÉTICOS DE DEMONSTRAÇÃO: não são estatísticas reais de"
                                + " criminalidade. Estes valores foram gerados para demonstrar a plataforma; não os cite,"
                                + " publique nem analise como dados de nenhum país.\""));
    }

    /** The report without what is written in its language: the notice and the names in the language. */
    private static JsonNode withoutWords(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            object.remove(List.of("notice", "name", "nameLanguage"));
        }
        node.forEach(ResponseRateReportLanguagesTest::strip);
    }

    /** A member state's name in a language, as the codelists hold it (or its fallback). */
    private static String name(String iso3, Language language) {
        return CODELISTS.members().all().stream()
                .filter(member -> member.iso3().equals(iso3))
                .findFirst()
                .orElseThrow()
                .names()
                .text(language);
    }

    /** The ISO codes and numbers-free structure of a text rendering: its country codes in order. */
    private static List<String> codesInOrder(String text) {
        return text.lines()
                .filter(line -> line.matches("  [A-Z]{3}  .*"))
                .map(line -> line.substring(2, 5))
                .toList();
    }
}
