package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.observatory.api.registry.Account;
import org.observatory.api.registry.AccountRecord;
import org.observatory.api.registry.Expiry;
import org.observatory.api.registry.InvalidValueException;
import org.observatory.api.registry.NewAccount;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.error.Echo;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

/**
 * The accounts routes, the API side of {@code observatory accounts} while the server runs (the registry's writer).
 * Every answer is private ({@code Cache-Control: no-store}) and every route is audited.
 *
 * <ul>
 *   <li>{@code POST /accounts} (secretariat) creates an account. Body {@code {"role": "analyst", "country": "MEX"}}
 *       or {@code {"role": "secretariat"}}, with an optional {@code "expires": "2027-01-01"}; the answer holds the
 *       token, shown this once.
 *   <li>{@code GET /accounts} (secretariat) lists the accounts, ordered by id: role, country, status, creation,
 *       expiry, revocation and last rotation; never a token or a token's hash.
 *   <li>{@code POST /accounts/{id}/revoke} (secretariat) revokes an account: its token gets 401 from the next
 *       request on.
 *   <li>{@code POST /accounts/{id}/rotate} gives the account a new token (shown this once) and makes the old one
 *       fail from the next request on. The secretariat rotates any account and may set a new expiry ({@code
 *       {"expires": "2027-01-01"}} or {@code "never"}); any other account rotates only its own token, keeping its
 *       expiry, so an analyst who fears their token leaked replaces it without waiting for the secretariat.
 * </ul>
 */
public final class AccountController {
    private static final List<String> FIELDS = List.of("role", "country", "expires");
    private static final List<String> ROTATE_FIELDS = List.of("expires");
    private static final Pattern ACCOUNT_ID = Pattern.compile("acct-[0-9a-f]{12}");
    private static final String NO_STORE = "no-store";

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

    public void add(Context ctx) throws IOException {
        QueryParameters.acceptOnly(ctx, List.of());
        Account secretariat = access.secretariat(ctx, ApiMessage.ACTION_CREATE_ACCOUNTS);
        Message shape = Message.of(
                ApiMessage.ACCOUNT_BODY_SHAPE,
                "analyst",
                "{\"role\": \"analyst\", \"country\": \"MEX\"}",
                "secretariat",
                "{\"role\": \"secretariat\"}");
        JsonNode body = body(ctx, FIELDS, shape, ApiMessage.ACCOUNT_FIELDS)
                .orElseThrow(() -> new ParameterException(ErrorCode.INVALID_PARAMETER, "body", shape));
        Role role;
        try {
            role = Role.fromWireName(body.path("role").asText(""));
        } catch (IllegalArgumentException e) {
            throw invalid("role", e);
        }
        Optional<String> country = Optional.of(body.path("country").asText(""))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .map(value -> value.toUpperCase(Locale.ROOT));
        checkCountry(role, country, codelists);
        Expiry expiry = expiry(body).orElse(Expiry.NEVER);
        NewAccount created = registry.addAccount(role, country, expiry, secretariat.describe());
        ctx.header("Cache-Control", NO_STORE);
        ctx.status(HttpStatus.CREATED);
        ctx.json(created.view());
    }

    public void list(Context ctx) {
        QueryParameters.acceptOnly(ctx, List.of());
        Account secretariat = access.secretariat(ctx, ApiMessage.ACTION_LIST_ACCOUNTS);
        Instant now = Instant.now();
        List<Map<String, Object>> accounts =
                registry.accounts().stream().map(account -> account.view(now)).toList();
        registry.audit(
                secretariat.describe(), "account", "accounts", "listed the accounts (%d)".formatted(accounts.size()));
        ctx.header("Cache-Control", NO_STORE);
        ctx.json(Map.of("accounts", accounts));
    }

    public void revoke(Context ctx) {
        QueryParameters.acceptOnly(ctx, List.of());
        Account secretariat = access.secretariat(ctx, ApiMessage.ACTION_REVOKE_ACCOUNTS);
        AccountRecord revoked = registry.revoke(accountId(ctx), secretariat.describe());
        ctx.header("Cache-Control", NO_STORE);
        ctx.json(revoked.view(Instant.now()));
    }

    public void rotate(Context ctx) throws IOException {
        QueryParameters.acceptOnly(ctx, List.of());
        Account caller = access.required(ctx, ApiMessage.ACTION_ROTATE_TOKEN);
        String accountId = ctx.pathParam("id");
        boolean secretariat = caller.role() == Role.SECRETARIAT;
        if (!secretariat && !caller.accountId().equals(accountId)) {
            throw Access.forbidden(Message.of(
                    ApiMessage.ROTATE_OTHER_ACCOUNT, "who", caller.described(), "account", caller.accountId()));
        }
        Optional<Expiry> expiry = body(
                        ctx,
                        ROTATE_FIELDS,
                        Message.of(ApiMessage.ROTATION_BODY_SHAPE, "example", "{\"expires\": \"2027-01-01\"}"),
                        ApiMessage.ROTATION_FIELDS)
                .flatMap(AccountController::expiry);
        if (expiry.isPresent() && !secretariat) {
            throw Access.forbidden(Message.of(ApiMessage.EXPIRY_SECRETARIAT_ONLY, "who", caller.described()));
        }
        NewAccount rotated = registry.rotate(accountId(ctx), expiry, caller.describe());
        ctx.header("Cache-Control", NO_STORE);
        ctx.json(rotated.view());
    }

    /** The account id of the path, when shaped like one; 404 otherwise (without asking the registry). */
    private static String accountId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!ACCOUNT_ID.matcher(id).matches()) {
            throw new ObservatoryException(
                    ErrorCode.NOT_FOUND, Message.of(ApiMessage.ACCOUNT_ID_UNKNOWN, "id", Echo.quote(id)));
        }
        return id;
    }

    /** The JSON object of the body, with no field but the allowed ones; empty for an empty body. */
    private Optional<JsonNode> body(Context ctx, List<String> fields, Message shape, ApiMessage whichFields) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            return Optional.empty();
        }
        JsonNode body;
        try {
            body = json.readTree(bytes);
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new ParameterException(ErrorCode.INVALID_PARAMETER, "body", shape);
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new ParameterException(
                        ErrorCode.UNKNOWN_PARAMETER,
                        name,
                        Message.of(
                                ApiMessage.UNKNOWN_FIELD,
                                "field",
                                Echo.quote(name),
                                "fields",
                                Message.of(whichFields)));
            }
        }
        return Optional.of(body);
    }

    /** The body's {@code expires}, when it has one. */
    private static Optional<Expiry> expiry(JsonNode body) {
        if (!body.has("expires")) {
            return Optional.empty();
        }
        JsonNode value = body.get("expires");
        if (!value.isTextual()) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    "expires",
                    Message.of(ApiMessage.EXPIRES_NOT_TEXT, "format", Message.of(ApiMessage.EXPIRY_FORMAT)));
        }
        try {
            return Optional.of(Expiry.parse(value.asText(), Instant.now()));
        } catch (IllegalArgumentException e) {
            Object reason = e instanceof InvalidValueException coded ? coded.text() : String.valueOf(e.getMessage());
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER, "expires", Message.of(ApiMessage.EXPIRES_INVALID, "reason", reason));
        }
    }

    /** A refused value of the body, in the reader's language when the registry's rule has a coded text. */
    private static ParameterException invalid(String parameter, IllegalArgumentException e) {
        return e instanceof InvalidValueException coded
                ? new ParameterException(ErrorCode.INVALID_PARAMETER, parameter, coded.text())
                : new ParameterException(ErrorCode.INVALID_PARAMETER, parameter, e.getMessage());
    }

    /** An analyst's country must be a member state; the secretariat has none ({@link Account#checkCountry}). */
    static void checkCountry(Role role, Optional<String> country, Codelists codelists) {
        try {
            Account.checkCountry(role, country, codelists.members());
        } catch (IllegalArgumentException e) {
            throw invalid("country", e);
        }
    }
}
