package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.observatory.api.registry.Account;
import org.observatory.api.registry.NewAccount;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.error.ErrorCode;

/**
 * {@code POST /accounts} (secretariat): creates an account while the server runs (the registry's writer), the
 * route {@code observatory accounts add} points to. Body {@code {"role": "analyst", "country": "MEX"}} or
 * {@code {"role": "secretariat"}}; the answer holds the token, shown this once.
 */
final class AccountController {
    private static final List<String> FIELDS = List.of("role", "country");

    private final Registry registry;
    private final Access access;
    private final Codelists codelists;
    private final ObjectMapper json;

    AccountController(Registry registry, Access access, Codelists codelists, ObjectMapper json) {
        this.registry = requireNonNull(registry, "registry is null");
        this.access = requireNonNull(access, "access is null");
        this.codelists = requireNonNull(codelists, "codelists is null");
        this.json = requireNonNull(json, "json is null");
    }

    void add(Context ctx) throws IOException {
        QueryParameters.acceptOnly(ctx, List.of());
        Account secretariat = access.secretariat(ctx, "create accounts");
        JsonNode body;
        try {
            body = json.readTree(ctx.bodyInputStream());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    "body",
                    "The body must be a JSON object such as {\"role\": \"analyst\", \"country\": \"MEX\"} or {\"role\": \"secretariat\"}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new ParameterException(
                        ErrorCode.UNKNOWN_PARAMETER,
                        name,
                        "Unknown field '%s'; an account has the fields role and country"
                                .formatted(Messages.quote(name)));
            }
        }
        Role role;
        try {
            role = Role.fromWireName(body.path("role").asText(""));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(ErrorCode.INVALID_PARAMETER, "role", e.getMessage());
        }
        Optional<String> country = Optional.of(body.path("country").asText(""))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .map(value -> value.toUpperCase(Locale.ROOT));
        checkCountry(role, country, codelists);
        NewAccount created = registry.addAccount(role, country, secretariat.describe());
        ctx.status(HttpStatus.CREATED);
        ctx.json(created.view());
    }

    /** An analyst's country must be a member state; the secretariat has none. */
    static void checkCountry(Role role, Optional<String> country, Codelists codelists) {
        if (role == Role.ANALYST && country.isEmpty()) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    "country",
                    "An analyst account belongs to one country; give its ISO alpha-3 code, e.g. \"country\": \"MEX\"");
        }
        if (role == Role.SECRETARIAT && country.isPresent()) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    "country",
                    "A secretariat account acts for every country; leave country out");
        }
        if (country.isPresent() && codelists.members().find(country.get()).isEmpty()) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    "country",
                    "'%s' is not a member state of this deployment; give the ISO alpha-3 code of a member state, e.g. MEX"
                            .formatted(Messages.quote(country.get())));
        }
    }
}
