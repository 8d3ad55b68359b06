package org.observatory.app;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.observatory.api.registry.NewAccount;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.schemas.codelist.Codelists;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code observatory accounts add --role analyst|secretariat [--country ISO3]}: creates an account in the registry and
 * prints its bearer token once. While a server runs on the data directory it holds the registry, and the command
 * says so and points to {@code POST /api/v1/accounts}.
 */
@Command(
        name = "accounts",
        description = "Manage the accounts of the submissions API.",
        mixinStandardHelpOptions = true,
        subcommands = AccountsCommand.Add.class)
final class AccountsCommand {
    @Command(
            name = "add",
            description = "Create an account and print its bearer token (shown this once; the registry keeps only"
                    + " its SHA-256).",
            mixinStandardHelpOptions = true)
    static final class Add implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(
                names = "--role",
                required = true,
                paramLabel = "ROLE",
                description = "analyst (submits and approves for one country) or secretariat (every country,"
                        + " pipeline runs, accounts).")
        String role;

        @Option(names = "--country", paramLabel = "ISO3", description = "The analyst's country, e.g. MEX.")
        String country;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Role parsedRole;
            try {
                parsedRole = Role.fromWireName(role);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--role: " + e.getMessage());
            }
            Optional<String> iso3 = Optional.ofNullable(country)
                    .map(String::strip)
                    .filter(value -> !value.isEmpty())
                    .map(value -> value.toUpperCase(Locale.ROOT));
            Codelists codelists = common.codelists();
            if (parsedRole == Role.ANALYST && iso3.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "An analyst account belongs to one country; give --country ISO3, e.g. MEX");
            }
            if (parsedRole == Role.SECRETARIAT && iso3.isPresent()) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "A secretariat account acts for every country; leave --country out");
            }
            if (iso3.isPresent() && codelists.members().find(iso3.get()).isEmpty()) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(),
                        "--country '%s' is not a member state of this deployment; give the ISO alpha-3 code of a member state, e.g. MEX"
                                .formatted(iso3.get()));
            }
            NewAccount created;
            try (Registry registry = Registry.open(
                    common.dataDirectory(),
                    "If an observatory server runs on this data directory, create the account there with POST"
                            + " /api/v1/accounts and a secretariat token, e.g. curl -H 'Authorization: Bearer TOKEN'"
                            + " -d '{\"role\": \"analyst\", \"country\": \"MEX\"}' http://HOST:PORT/api/v1/accounts;"
                            + " otherwise wait until the other command has finished.")) {
                created = registry.addAccount(parsedRole, iso3, IngestIntake.commandLineActor());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (common.format() == OutputFormat.json) {
                out.println(Json.write(created.view()));
            } else {
                out.printf(
                        "Created %s account %s%s%n",
                        created.account().role().wireName(),
                        created.account().accountId(),
                        created.account().country() == null
                                ? ""
                                : " for " + created.account().country());
                out.println("Token (shown this once; the registry keeps only its SHA-256):");
                out.println(created.token());
                out.println("Requests send it as 'Authorization: Bearer <token>'.");
            }
            out.flush();
            return 0;
        }
    }
}
