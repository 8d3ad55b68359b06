package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Locale;
import org.observatory.schemas.text.Language;

/**
 * The language of an API answer: the best of the four languages in the request's {@code Accept-Language}
 * ({@link Language#negotiate}), English ({@code en-US}) when the header is absent or names none of them. Problem
 * details, labels and notices are written in it; codes, numbers, CSV and SDMX-CSV never depend on it. Every API
 * answer names it in {@code Content-Language} and says {@code Vary: Accept-Language}, and the language is part of
 * every cached response's key and ETag ({@link SnapshotResponses}).
 */
public final class ApiLanguage {
    /** The language of a request that names none of the four. */
    public static final Locale DEFAULT = Language.ENGLISH.defaultLocale();

    private static final String LOCALE_ATTRIBUTE = "observatory-api-locale";

    private ApiLanguage() {}

    /** The negotiated locale of the request, e.g. {@code fr-CA} for {@code Accept-Language: fr}. */
    public static Locale locale(Context ctx) {
        Locale known = ctx.attribute(LOCALE_ATTRIBUTE);
        if (known != null) {
            return known;
        }
        Locale locale = negotiate(ctx.header("Accept-Language"));
        ctx.attribute(LOCALE_ATTRIBUTE, locale);
        return locale;
    }

    /**
     * Answers the request in this locale instead of the negotiated one (a route whose query names its language,
     * e.g. a report a page links to in the page's language), saying so in {@code Content-Language}.
     */
    public static void use(Context ctx, Locale locale) {
        ctx.attribute(LOCALE_ATTRIBUTE, requireNonNull(locale, "locale is null"));
        declareOn(ctx);
    }

    /** The language of the request's locale. */
    public static Language language(Context ctx) {
        return Language.of(locale(ctx)).orElse(Language.ENGLISH);
    }

    /** The locale an {@code Accept-Language} header gives, English when it names none of the four languages. */
    public static Locale negotiate(String acceptLanguage) {
        return Language.negotiate(acceptLanguage).orElse(DEFAULT);
    }

    /** Whether a path is the API's (its routes, health and the OpenAPI document), not a page's. */
    public static boolean isApi(String path) {
        return path.equals(Paths.API)
                || path.startsWith(Paths.API + "/")
                || path.equals("/health")
                || path.equals("/openapi.json");
    }

    /**
     * A before-handler for every request: an API answer (its 304s and problems included) says its language in
     * {@code Content-Language} and varies by {@code Accept-Language}.
     */
    public static void declare(Context ctx) {
        if (isApi(ctx.path())) {
            declareOn(ctx);
        }
    }

    /** Sets {@code Content-Language} to the request's locale and adds {@code Accept-Language} to {@code Vary}. */
    static void declareOn(Context ctx) {
        ctx.header("Content-Language", locale(ctx).toLanguageTag());
        vary(ctx, "Accept-Language");
    }

    /** Adds a header name to {@code Vary}, keeping the names already there (e.g. Accept-Encoding). */
    static void vary(Context ctx, String header) {
        requireNonNull(header, "header is null");
        String vary = ctx.res().getHeader("Vary");
        if (vary == null || vary.isBlank()) {
            ctx.header("Vary", header);
        } else if (Arrays.stream(vary.split(",")).noneMatch(name -> name.strip().equalsIgnoreCase(header))) {
            ctx.header("Vary", vary + ", " + header);
        }
    }
}
