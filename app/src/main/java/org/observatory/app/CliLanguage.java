package org.observatory.app;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import org.observatory.schemas.text.Language;
import org.observatory.schemas.text.Message;
import org.observatory.schemas.text.MessageCode;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The language of the command's human output: {@code --lang es|en|pt|fr} (or a tag with a region, {@code fr-FR},
 * whose CLDR rules then format numbers and dates), else the locale of the process ({@code LANG}), else English.
 */
final class CliLanguage {
    private CliLanguage() {}

    /** The locale of the process when it is one of the four languages, else en-US (see {@link #processLocale(Map)}). */
    static Locale processLocale() {
        return processLocale(System.getenv());
    }

    /**
     * The locale the environment asks for, as POSIX reads it: the first of {@code LC_ALL}, {@code LC_MESSAGES} and
     * {@code LANG} that is set ({@code fr_CA.UTF-8}, {@code pt_BR}); en-US when it names another language or
     * {@code C}/{@code POSIX}. Without any of them, the JVM's default locale. The variables are read directly
     * because the JVM falls back to English when the machine has not generated that locale (a container often has
     * only C.UTF-8), while the analyst who set {@code LANG=pt_BR.UTF-8} still asked for Portuguese.
     */
    static Locale processLocale(Map<String, String> environment) {
        for (String variable : List.of("LC_ALL", "LC_MESSAGES", "LANG")) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                String tag = value.strip().split("[.@]", 2)[0].replace('_', '-');
                return Language.locale(tag).orElse(Language.ENGLISH.defaultLocale());
            }
        }
        return Language.locale(Locale.getDefault().toLanguageTag()).orElse(Language.ENGLISH.defaultLocale());
    }

    /** The locale a {@code --lang} value asks for; empty when it names none of the four languages. */
    static Optional<Locale> parse(String tag) {
        return Language.locale(tag);
    }

    /** The locale of the running command: its root's {@code --lang}, or the process's. */
    static Locale of(CommandSpec spec) {
        return spec != null && spec.root().userObject() instanceof ObservatoryCommand root
                ? root.locale()
                : processLocale();
    }

    /** A text of the command in the locale of the running command. */
    static String text(CommandSpec spec, MessageCode code, Object... namesAndValues) {
        return Message.of(code, namesAndValues).in(of(spec));
    }

    /** The base name of the usage help's bundles, {@code help_es.properties} and so on (English is in the annotations). */
    static final String HELP = "org.observatory.app.help";

    /**
     * Makes {@code --help}, and the usage a usage error prints, speak the language of {@code --lang} (or of the
     * process): the descriptions of the commands and options come from the language's {@link #HELP} bundle, English
     * from the annotations. Called once the arguments are parsed, before any help is printed.
     */
    static void useForHelp(CommandLine root) {
        Locale locale = root.getCommand() instanceof ObservatoryCommand command ? command.locale() : processLocale();
        Language language = Language.of(locale).orElse(Language.ENGLISH);
        if (language == Language.ENGLISH) {
            return;
        }
        root.setResourceBundle(helpBundle(language));
    }

    /** The usage help's bundle of a language other than English. */
    static ResourceBundle helpBundle(Language language) {
        return ResourceBundle.getBundle(
                HELP,
                Locale.forLanguageTag(language.code()),
                CliLanguage.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Converts {@code --lang}; an unsupported value is a usage error that lists the four languages. */
    static final class Converter implements CommandLine.ITypeConverter<Locale> {
        @Override
        public Locale convert(String value) {
            return parse(value)
                    .orElseThrow(() -> new CommandLine.TypeConversionException(
                            Message.of(CliMessage.LANGUAGE_UNSUPPORTED, "value", value)
                                    .in(processLocale())));
        }
    }
}
