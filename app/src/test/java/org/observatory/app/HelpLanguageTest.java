package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.observatory.schemas.text.Language;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The usage help ({@code --help}) in the language of {@code --lang}: every command and option described in it. */
class HelpLanguageTest {
    private static final char NO_BREAK = '\u00a0';

    @Test
    void everyCommandAndOptionHasItsDescriptionInSpanishPortugueseAndFrenchAndNoKeyIsStale() {
        List<String> problems = new ArrayList<>();
        for (Language language : List.of(Language.SPANISH, Language.PORTUGUESE, Language.FRENCH)) {
            ResourceBundle bundle = CliLanguage.helpBundle(language);
            Set<String> used =
                    new TreeSet<>(Set.of("usage.synopsisHeading", "usage.commandListHeading", "help", "version"));
            check(ObservatoryCommand.commandLine(), bundle, language, used, problems);
            for (String key : Collections.list(bundle.getKeys())) {
                if (!used.contains(key)) {
                    problems.add("help_%s.properties has '%s', which no command or option uses"
                            .formatted(language.code(), key));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static void check(
            CommandLine command, ResourceBundle bundle, Language language, Set<String> used, List<String> problems) {
        CommandSpec spec = command.getCommandSpec();
        String qualified = spec.qualifiedName(".");
        String description = qualified + ".usage.description";
        if (bundle.containsKey(description)) {
            used.add(description);
        } else {
            problems.add("help_%s.properties lacks %s".formatted(language.code(), description));
        }
        List<ArgSpec> arguments = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (!option.usageHelp() && !option.versionHelp() && !option.inherited()) {
                arguments.add(option);
            }
        }
        arguments.addAll(spec.positionalParameters());
        for (ArgSpec argument : arguments) {
            String key = argument.descriptionKey().isEmpty() && argument instanceof OptionSpec option
                    ? option.longestName().replaceFirst("^-+", "")
                    : argument.descriptionKey();
            String found = bundle.containsKey(qualified + "." + key) ? qualified + "." + key : key;
            if (key.isEmpty() || !bundle.containsKey(found)) {
                problems.add("help_%s.properties lacks %s.%s (or %s) for %s"
                        .formatted(language.code(), qualified, key, key, name(argument)));
                continue;
            }
            used.add(found);
        }
        command.getSubcommands().values().forEach(sub -> check(sub, bundle, language, used, problems));
    }

    private static String name(ArgSpec argument) {
        return argument instanceof PositionalParamSpec positional
                ? positional.paramLabel()
                : ((OptionSpec) argument).longestName();
    }

    @Test
    void everyCommandsHelpInEveryLanguageHasItsVariablesResolved() {
        List<String> unresolved = new ArrayList<>();
        for (String language : List.of("es", "en", "pt", "fr")) {
            walk(ObservatoryCommand.commandLine(), List.of(), language, unresolved);
        }
        assertThat(unresolved).isEmpty();
    }

    private static void walk(CommandLine command, List<String> path, String language, List<String> unresolved) {
        List<String> arguments = new ArrayList<>(path);
        arguments.addAll(List.of("--help", "--lang", language));
        String help = CommandRun.of(arguments.toArray(String[]::new)).out();
        if (help.isBlank() || help.contains("${")) {
            unresolved.add(language + " " + String.join(" ", path) + ": " + help);
        }
        command.getSubcommands().forEach((name, sub) -> {
            List<String> deeper = new ArrayList<>(path);
            deeper.add(name);
            walk(sub, deeper, language, unresolved);
        });
    }

    @Test
    void helpInFrenchShowsFrenchDescriptionsHeadingsAndOptions() {
        CommandRun top = CommandRun.of("--help", "--lang", "fr");

        assertThat(top.exit()).isZero();
        assertThat(top.out())
                .startsWith("Utilisation" + NO_BREAK + ": observatory ")
                .contains("Observatoire du crime et de la violence des Amériques" + NO_BREAK + ": ingérer,")
                .contains("Commandes" + NO_BREAK + ":")
                .contains("Affiche cette aide et quitte.")
                .contains("Gère les comptes de l’API des transmissions.")
                .doesNotContain("Usage:", "Manage the accounts");

        CommandRun add = CommandRun.of("accounts", "add", "--help", "--lang", "fr");
        assertThat(add.out())
                .contains("Crée un compte et affiche son jeton porteur")
                .contains("analyst (transmet et approuve les données d’un pays)")
                .contains("Format de sortie" + NO_BREAK + ": text, json (par défaut" + NO_BREAK + ": text).")
                .contains("Répertoire des données");

        assertThat(CommandRun.of("--lang", "pt", "ingest", "--help").out())
                .startsWith("Uso: observatory ingest ")
                .contains("O arquivo a ingerir.")
                .contains("Valida um arquivo e, se não tiver erros");
    }

    @Test
    void helpInEnglishStaysAsTheCommandsDescribeIt() {
        CommandRun top = CommandRun.of("--help", "--lang", "en");

        assertThat(top.out())
                .startsWith("Usage: observatory ")
                .contains("Crime and violence observatory of the Americas: ingest, normalise, publish,")
                .contains("Commands:")
                .contains("Manage the accounts of the submissions API.");
    }

    @Test
    void aUsageErrorPrintsTheUsageInTheLanguage() {
        CommandRun run = CommandRun.of("accounts", "add", "--lang", "es");

        assertThat(run.exit()).isEqualTo(ObservatoryCommand.EXIT_USAGE);
        assertThat(run.err())
                .contains("Missing required option: '--role=ROLE'")
                .contains("Uso: observatory accounts add ")
                .contains("Crea una cuenta e imprime su token de portador");
    }
}
