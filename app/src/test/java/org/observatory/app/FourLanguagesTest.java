package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.observatory.api.config.ConfigMessage;
import org.observatory.api.report.ReportMessage;
import org.observatory.api.text.ApiMessage;
import org.observatory.ingest.IngestMessage;
import org.observatory.pipeline.PipelineMessage;
import org.observatory.schemas.codelist.LabelAudit;
import org.observatory.schemas.codelist.LabelFinding;
import org.observatory.schemas.text.Language;
import org.observatory.schemas.text.MessageCode;
import org.observatory.schemas.text.Messages;

/**
 * The whole platform in four languages, across its modules: every message code of every family has its text in
 * Spanish, English, Portuguese and French with the same placeholders, every bundle on the class path belongs to a
 * family whose codes are walked here, and every codelist entry has its label in the four languages.
 */
class FourLanguagesTest {
    /** Every family of message codes, by its bundle's family name. */
    private static final List<Class<? extends Enum<?>>> FAMILIES = List.of(
            IngestMessage.class,
            ApiMessage.class,
            ConfigMessage.class,
            ReportMessage.class,
            CliMessage.class,
            PipelineMessage.class);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*}");
    private static final Pattern BUNDLE = Pattern.compile("([a-z][a-z0-9]*)_([a-z]{2})\\.properties");

    @Test
    void everyMessageCodeOfEveryFamilyHasItsTextInTheFourLanguagesWithTheSamePlaceholders() {
        assertThat(problems(IngestMessage.class)).isEmpty();
        assertThat(problems(ApiMessage.class)).isEmpty();
        assertThat(problems(ConfigMessage.class)).isEmpty();
        assertThat(problems(ReportMessage.class)).isEmpty();
        assertThat(problems(CliMessage.class)).isEmpty();
        assertThat(problems(PipelineMessage.class)).isEmpty();
    }

    @Test
    void everyMessageCodeRendersInTheFourLanguagesAndNoneButEnglishIsLeftInEnglish() {
        long codes = 0;
        for (Class<? extends Enum<?>> family : FAMILIES) {
            for (Enum<?> constant : family.getEnumConstants()) {
                MessageCode code = (MessageCode) constant;
                codes++;
                String english = Messages.text(code, Language.ENGLISH).orElseThrow();
                for (Language language : Language.all()) {
                    String text = Messages.text(code, language).orElseThrow();
                    assertThat(text).as(code.code() + " in " + language.code()).isNotBlank();
                    if (language != Language.ENGLISH && words(english) > 20) {
                        assertThat(text)
                                .as("%s in %s is the English text left untranslated", code.code(), language.code())
                                .isNotEqualTo(english);
                    }
                }
            }
        }
        assertThat(codes).as("message codes walked").isGreaterThan(400);
    }

    @Test
    void everyBundleOnTheClassPathIsOfAFamilyWhoseCodesAreWalkedAndHasTheFourLanguages() throws Exception {
        Set<String> families = new TreeSet<>();
        Set<String> files = new TreeSet<>();
        for (URL directory : Collections.list(getClass().getClassLoader().getResources("org/observatory/messages"))) {
            for (String name : entries(directory)) {
                Matcher bundle = BUNDLE.matcher(name);
                if (bundle.matches()) {
                    families.add(bundle.group(1));
                    files.add(name);
                }
            }
        }
        Set<String> walked = new TreeSet<>();
        FAMILIES.forEach(family -> walked.add(((MessageCode) family.getEnumConstants()[0]).family()));

        assertThat(families).isEqualTo(walked);
        for (String family : families) {
            for (Language language : Language.all()) {
                assertThat(files).contains(family + "_" + language.code() + ".properties");
            }
        }
    }

    @Test
    void everyCodelistEntryHasItsLabelInTheFourLanguages() {
        LabelAudit audit = LabelAudit.shipped();

        assertThat(audit.problems()).isEmpty();
        assertThat(audit.findings().stream().filter(LabelFinding::missing).toList())
                .as("codelist labels missing in a language")
                .isEmpty();
        long labels = audit.labelSets().stream()
                .mapToLong(
                        set -> set.labelsByCode().size() * (long) Language.all().size())
                .sum();
        assertThat(labels).as("codelist labels walked").isGreaterThan(2_000);
    }

    /** How many letters a text has outside its placeholders (a text of placeholders and units has few). */
    private static long words(String text) {
        return PLACEHOLDER
                .matcher(text)
                .replaceAll("")
                .chars()
                .filter(Character::isLetter)
                .count();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<String> problems(Class<? extends Enum<?>> family) {
        return Messages.problems((Class) family);
    }

    private static List<String> entries(URL directory) throws IOException, URISyntaxException {
        if (directory.getProtocol().equals("jar")) {
            JarURLConnection connection = (JarURLConnection) directory.openConnection();
            String prefix = connection.getEntryName() + "/";
            return connection.getJarFile().stream()
                    .map(entry -> entry.getName())
                    .filter(name -> name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0)
                    .map(name -> name.substring(prefix.length()))
                    .toList();
        }
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
