package org.observatory.api.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.error.Echo;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.text.Message;

/**
 * Checks on query parameters shared by the controllers. Every route names the parameters it accepts and rejects
 * any other, so a client asking for {@code ?sort=value} or {@code ?top=5} is told that nothing here ranks
 * countries (invariant 5) instead of silently receiving an unsorted list.
 */
public final class QueryParameters {
    private static final Set<String> RANKING_WORDS = Set.of(
            "sort",
            "sortby",
            "sort_by",
            "order",
            "orderby",
            "order_by",
            "rank",
            "ranking",
            "top",
            "limit",
            "bottom",
            "percentile",
            "position",
            "best",
            "worst");

    private QueryParameters() {}

    /** Fails on the first query parameter that the route does not accept, or that is given more than once. */
    public static void acceptOnly(Context ctx, List<String> accepted) {
        for (Map.Entry<String, List<String>> parameter : ctx.queryParamMap().entrySet()) {
            String name = parameter.getKey();
            if (!accepted.contains(name)) {
                Message accepts = accepted.isEmpty()
                        ? Message.of(ApiMessage.ACCEPTS_NOTHING)
                        : Message.of(ApiMessage.ACCEPTS_THESE, "parameters", String.join(", ", accepted));
                Object ranking =
                        RANKING_WORDS.contains(name.toLowerCase(Locale.ROOT)) ? Message.of(ApiMessage.NO_RANKING) : "";
                throw new ParameterException(
                        ErrorCode.UNKNOWN_PARAMETER,
                        name,
                        Message.of(
                                ApiMessage.UNKNOWN_PARAMETER,
                                "parameter",
                                Echo.quote(name),
                                "accepts",
                                accepts,
                                "ranking",
                                ranking));
            }
            if (parameter.getValue().size() > 1) {
                throw new ParameterException(
                        ErrorCode.INVALID_PARAMETER,
                        name,
                        Message.of(
                                ApiMessage.PARAMETER_REPEATED,
                                "parameter",
                                name,
                                "times",
                                parameter.getValue().size()));
            }
        }
    }

    /** The parameter's value, or empty when it is absent; fails when it is present but blank. */
    public static Optional<String> optional(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER, name, Message.of(ApiMessage.PARAMETER_EMPTY, "parameter", name));
        }
        return Optional.of(value.strip());
    }

    /**
     * The parameter's value when it is one of {@code allowed}, else {@code fallback} when it is absent; fails naming
     * the allowed values otherwise (e.g. {@code format}).
     */
    public static String oneOf(Context ctx, String name, List<String> allowed, String fallback) {
        String value = optional(ctx, name).orElse(fallback);
        if (!allowed.contains(value)) {
            throw new ParameterException(ErrorCode.INVALID_PARAMETER, name, notOneOf(name, allowed, value));
        }
        return value;
    }

    /** A value that is none of the allowed ones. */
    public static Message notOneOf(String name, List<String> allowed, String value) {
        return Message.of(
                ApiMessage.PARAMETER_NOT_ONE_OF,
                "parameter",
                name,
                "allowed",
                String.join(", ", allowed),
                "value",
                Echo.quote(value));
    }
}
