package org.observatory.api.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.observatory.schemas.error.Echo;
import org.observatory.schemas.error.ErrorCode;

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
                String accepts = accepted.isEmpty()
                        ? "this route takes no query parameters"
                        : "this route accepts " + String.join(", ", accepted);
                String ranking = RANKING_WORDS.contains(name.toLowerCase(Locale.ROOT))
                        ? "; nothing in this API sorts, ranks or picks the top countries by value: lists are"
                                + " ordered by country code and series by year"
                        : "";
                throw new ParameterException(
                        ErrorCode.UNKNOWN_PARAMETER,
                        name,
                        "Unknown query parameter '%s'; %s%s".formatted(Echo.quote(name), accepts, ranking));
            }
            if (parameter.getValue().size() > 1) {
                throw new ParameterException(
                        ErrorCode.INVALID_PARAMETER,
                        name,
                        "Query parameter '%s' is given %d times; give it once"
                                .formatted(name, parameter.getValue().size()));
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
                    ErrorCode.INVALID_PARAMETER,
                    name,
                    "Query parameter '%s' is empty; give a value or leave the parameter out".formatted(name));
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
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    name,
                    "Query parameter '%s' must be one of %s, not '%s'"
                            .formatted(name, String.join(", ", allowed), Echo.quote(value)));
        }
        return value;
    }
}
