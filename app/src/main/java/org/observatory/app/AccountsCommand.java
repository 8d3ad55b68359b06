package org.observatory.app;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.observatory.api.registry.AccountRecord;
import org.observatory.api.registry.Expiry;
import org.observatory.api.registry.NewAccount;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.text.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code observatory accounts add|list|revoke|rotate}: the accounts of the submissions API, in the registry of the
 * data directory. {@code add} and {@code rotate} print the new bearer token once; {@code revoke} makes a token fail
 * from the next request on; {@code list} shows every account without tokens. Every command is audited. While a
 * server runs on the data directory it holds the registry, and each command says so and points to its route under
 * {@code /api/v1/accounts}.
 */
@Command(
        name = "accounts",
        description = "Manage the accounts of the submissions API.",
        mixinStandardHelpOptions = true,
        subcommands = {
            AccountsCommand.Add.class,
            AccountsCommand.ListAccounts.class,
            AccountsCommand.Revoke.class,
            AccountsCommand.Rotate.class
        })
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

        @Option(
                names = "--expires",
                paramLabel = "DATE",
                description = "The day the token stops working, YYYY-MM-DD (UTC), after today; default: never.")
        String expires;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Role parsedRole;
            try {
                parsedRole = Role.fromWireName(role);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(
                        spec.commandLine(),
                        CliLanguage.text(spec, CliMessage.ACCOUNTS_ROLE_UNKNOWN, "role", role.strip()));
            }
            Optional<String> iso3 = Optional.ofNullable(country)
                    .map(String::strip)
                    .filter(value -> !value.isEmpty())
                    .map(value -> value.toUpperCase(Locale.ROOT));
            Codelists codelists = common.codelists();
            if (parsedRole == Role.ANALYST && iso3.isEmpty()) {
                throw new ParameterException(
                        spec.commandLine(), CliLanguage.text(spec, CliMessage.ACCOUNTS_ANALYST_NEEDS_COUNTRY));
            }
            if (parsedRole == Role.SECRETARIAT && iso3.isPresent()) {
                throw new ParameterException(
                        spec.commandLine(), CliLanguage.text(spec, CliMessage.ACCOUNTS_SECRETARIAT_WITHOUT_COUNTRY));
            }
            if (iso3.isPresent() && codelists.members().find(iso3.get()).isEmpty()) {
                throw new ParameterException(
                        spec.commandLine(),
                        CliLanguage.text(spec, CliMessage.ACCOUNTS_COUNTRY_NOT_MEMBER, "country", iso3.get()));
            }
            Expiry expiry = expiry(spec, expires).orElse(Expiry.NEVER);
            NewAccount created;
            try (Registry registry = open(
                    common,
                    Message.of(
                            CliMessage.ACCOUNTS_THERE_ADD,
                            "example",
                            "curl -H 'Authorization: Bearer TOKEN' -d '{\"role\": \"analyst\", \"country\": \"MEX\"}'"
                                    + " http://HOST:PORT/api/v1/accounts"))) {
                created = registry.addAccount(parsedRole, iso3, expiry, IngestIntake.commandLineActor());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (common.format() == OutputFormat.json) {
                out.println(Json.write(created.view()));
            } else {
                out.println(
                        created.account().country() == null
                                ? CliLanguage.text(
                                        spec,
                                        CliMessage.ACCOUNTS_CREATED,
                                        "role",
                                        created.account().role().wireName(),
                                        "account",
                                        created.account().accountId())
                                : CliLanguage.text(
                                        spec,
                                        CliMessage.ACCOUNTS_CREATED_FOR_COUNTRY,
                                        "role",
                                        created.account().role().wireName(),
                                        "account",
                                        created.account().accountId(),
                                        "country",
                                        created.account().country()));
                printToken(spec, out, created);
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "list",
            description = "List the accounts, ordered by id: role, country, status, creation, expiry, revocation and"
                    + " last rotation (never a token).",
            mixinStandardHelpOptions = true)
    static final class ListAccounts implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<AccountRecord> accounts;
            try (Registry registry = open(
                    common,
                    Message.of(
                            CliMessage.ACCOUNTS_THERE_LIST,
                            "example",
                            "curl -H 'Authorization: Bearer TOKEN' http://HOST:PORT/api/v1/accounts"))) {
                accounts = registry.accounts();
                registry.audit(
                        IngestIntake.commandLineActor(),
                        "account",
                        "accounts",
                        "listed the accounts (%d)".formatted(accounts.size()));
            }
            Instant now = Instant.now();
            PrintWriter out = spec.commandLine().getOut();
            if (common.format() == OutputFormat.json) {
                out.println(Json.write(Map.of(
                        "accounts",
                        accounts.stream().map(account -> account.view(now)).toList())));
            } else if (accounts.isEmpty()) {
                out.println(CliLanguage.text(spec, CliMessage.ACCOUNTS_NONE));
            } else {
                printTable(spec, out, accounts, now);
            }
            out.flush();
            return 0;
        }

        private static void printTable(CommandSpec spec, PrintWriter out, List<AccountRecord> accounts, Instant now) {
            List<String> header = List.of(
                            CliMessage.ACCOUNTS_COLUMN_ACCOUNT,
                            CliMessage.ACCOUNTS_COLUMN_ROLE,
                            CliMessage.ACCOUNTS_COLUMN_COUNTRY,
                            CliMessage.ACCOUNTS_COLUMN_STATUS,
                            CliMessage.ACCOUNTS_COLUMN_CREATED,
                            CliMessage.ACCOUNTS_COLUMN_EXPIRES,
                            CliMessage.ACCOUNTS_COLUMN_REVOKED,
                            CliMessage.ACCOUNTS_COLUMN_ROTATED)
                    .stream()
                    .map(column -> CliLanguage.text(spec, column))
                    .toList();
            String never = CliLanguage.text(spec, CliMessage.ACCOUNTS_NEVER);
            List<List<String>> rows = new ArrayList<>();
            rows.add(header);
            Function<String, String> time = instant -> instant == null
                    ? "-"
                    : Instant.parse(instant).truncatedTo(ChronoUnit.SECONDS).toString();
            for (AccountRecord account : accounts) {
                rows.add(List.of(
                        account.accountId(),
                        account.account().role().wireName(),
                        account.account().analystCountry().orElse("-"),
                        account.status(now).wireName(),
                        time.apply(account.account().createdAt()),
                        account.expiry().at().map(Instant::toString).orElse(never),
                        time.apply(account.revokedAt()),
                        time.apply(account.rotatedAt())));
            }
            int[] widths = new int[header.size()];
            for (List<String> row : rows) {
                for (int column = 0; column < row.size(); column++) {
                    widths[column] = Math.max(widths[column], row.get(column).length());
                }
            }
            for (List<String> row : rows) {
                StringBuilder line = new StringBuilder();
                for (int column = 0; column < row.size(); column++) {
                    line.append(column == row.size() - 1 ? row.get(column) : pad(row.get(column), widths[column] + 2));
                }
                out.println(line.toString().stripTrailing());
            }
        }

        private static String pad(String value, int width) {
            return value + " ".repeat(width - value.length());
        }
    }

    @Command(
            name = "revoke",
            description = "Revoke an account: its token fails from the next request on. A revocation is final.",
            mixinStandardHelpOptions = true)
    static final class Revoke implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(
                paramLabel = "ACCOUNT",
                descriptionKey = "account",
                description = "The account id, e.g. acct-1a2b3c4d5e6f.")
        String accountId;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            AccountRecord revoked;
            try (Registry registry = open(
                    common,
                    Message.of(
                            CliMessage.ACCOUNTS_THERE_REVOKE,
                            "account",
                            accountId.strip(),
                            "example",
                            "curl -X POST -H 'Authorization: Bearer TOKEN' http://HOST:PORT/api/v1/accounts/%s/revoke"
                                    .formatted(accountId.strip())))) {
                revoked = registry.revoke(accountId.strip(), IngestIntake.commandLineActor());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (common.format() == OutputFormat.json) {
                out.println(Json.write(revoked.view(Instant.now())));
            } else {
                out.println(CliLanguage.text(
                        spec,
                        CliMessage.ACCOUNTS_REVOKED,
                        "role",
                        revoked.account().role().wireName(),
                        "account",
                        revoked.account().describe()));
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "rotate",
            description = "Give an account a new bearer token (shown this once); the old token fails from the next"
                    + " request on. The expiry stays unless --expires gives a new one.",
            mixinStandardHelpOptions = true)
    static final class Rotate implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(
                paramLabel = "ACCOUNT",
                descriptionKey = "account",
                description = "The account id, e.g. acct-1a2b3c4d5e6f.")
        String accountId;

        @Option(
                names = "--expires",
                paramLabel = "DATE",
                description = "The day the new token stops working, YYYY-MM-DD (UTC), after today, or never; default:"
                        + " the account's expiry.")
        String expires;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Optional<Expiry> expiry = expiry(spec, expires);
            NewAccount rotated;
            try (Registry registry = open(
                    common,
                    Message.of(
                            CliMessage.ACCOUNTS_THERE_ROTATE,
                            "account",
                            accountId.strip(),
                            "example",
                            "curl -X POST -H 'Authorization: Bearer TOKEN' http://HOST:PORT/api/v1/accounts/%s/rotate"
                                    .formatted(accountId.strip())))) {
                rotated = registry.rotate(accountId.strip(), expiry, IngestIntake.commandLineActor());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (common.format() == OutputFormat.json) {
                out.println(Json.write(rotated.view()));
            } else {
                out.println(CliLanguage.text(
                        spec,
                        CliMessage.ACCOUNTS_ROTATED,
                        "role",
                        rotated.account().role().wireName(),
                        "account",
                        rotated.account().describe()));
                printToken(spec, out, rotated);
            }
            out.flush();
            return 0;
        }
    }

    /** Opens the registry; while a server holds it, the message says to {@code toDoThere} on that server instead. */
    private static Registry open(CommonOptions common, Message toDoThere) {
        return Registry.open(common.dataDirectory(), Message.of(CliMessage.REGISTRY_HINT_ACCOUNTS, "there", toDoThere));
    }

    private static Optional<Expiry> expiry(CommandSpec spec, String expires) {
        if (expires == null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        try {
            return Optional.of(Expiry.parse(expires, now));
        } catch (IllegalArgumentException e) {
            String value = expires.strip();
            LocalDate day;
            try {
                day = LocalDate.parse(value);
            } catch (DateTimeParseException notADay) {
                throw new ParameterException(
                        spec.commandLine(),
                        CliLanguage.text(
                                spec,
                                CliMessage.ACCOUNTS_EXPIRES_NOT_A_DAY,
                                "value",
                                value.length() <= 40 ? value : value.substring(0, 40) + "..."));
            }
            throw new ParameterException(
                    spec.commandLine(),
                    CliLanguage.text(
                            spec,
                            CliMessage.ACCOUNTS_EXPIRES_NOT_AFTER_TODAY,
                            "day",
                            day.toString(),
                            "today",
                            LocalDate.ofInstant(now, ZoneOffset.UTC).toString()));
        }
    }

    private static void printToken(CommandSpec spec, PrintWriter out, NewAccount account) {
        out.println(CliLanguage.text(spec, CliMessage.ACCOUNTS_TOKEN));
        out.println(account.token());
        out.println(CliLanguage.text(spec, CliMessage.ACCOUNTS_TOKEN_NOTICE));
        account.expiry()
                .at()
                .ifPresent(at ->
                        out.println(CliLanguage.text(spec, CliMessage.ACCOUNTS_TOKEN_EXPIRES, "at", at.toString())));
    }
}
