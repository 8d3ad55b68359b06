package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.observatory.schemas.text.Language;

/**
 * The languages the pages speak, in the order of the language switch, and how a request picks one: the path prefix
 * ({@code /pt/countries/MEX}), then {@code ?lang=} (a language tag, as the report route takes it: {@code fr} or
 * {@code fr-FR}), then the best match of {@code Accept-Language}, then the first
 * language (Spanish). A language that is not supported is passed over, never an error: the page is still shown.
 *
 * <p>Within the chosen language, numbers and dates follow the CLDR locale of the region {@code ?lang=} names for it
 * ({@code ?lang=fr-FR}), else of the region the request's {@code Accept-Language} names for that language ({@code fr-FR} on {@code /fr/...} writes French numbers as France does),
 * else the language's default ({@code es-419}, {@code en-US}, {@code pt-BR}, {@code fr-CA}). Every page therefore
 * varies by {@code Accept-Language}.
 *
 * <p>Nothing here assumes how many languages there are; each has its message bundle ({@code
 * messages_xx.properties}), which a test holds to the same keys and placeholders as the others.
 */
public final class Languages {
    /** The pages' languages: the four of {@link Language}, Spanish first. */
    public static final Languages PAGES = new Languages(Language.all());

    private final List<Language> all;

    public Languages(List<Language> all) {
        this.all = List.copyOf(requireNonNull(all, "all is null"));
        if (this.all.isEmpty()) {
            throw new IllegalArgumentException("At least one language is needed");
        }
    }

    /** In the order of the language switch. */
    public List<Language> all() {
        return all;
    }

    /** The language of exactly this code ({@code pt}), if the pages speak it. */
    public Optional<Language> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.strip().toLowerCase(Locale.ROOT);
        return all.stream().filter(language -> language.code().equals(wanted)).findFirst();
    }

    /** The texts, numbers and dates of the request's page (see the class comment). */
    public Localizer localizer(Context ctx) {
        Language language = of(ctx);
        // a bare ?lang=fr names no region (its locale is the default fr-CA): Accept-Language may still name one
        Locale locale = queryLocale(ctx)
                .filter(asked -> asked.getLanguage().equals(language.code()))
                .filter(asked -> namesRegion(ctx.queryParam("lang")))
                .orElseGet(() -> locale(language, ctx.header("Accept-Language")));
        return new Localizer(language, locale);
    }

    /** The language of the request (see the class comment). */
    public Language of(Context ctx) {
        return prefixOf(ctx.path())
                .or(() -> queryLocale(ctx).map(Locale::getLanguage).flatMap(this::find))
                .or(() -> accepted(ctx.header("Accept-Language")))
                .orElse(all.get(0));
    }

    /**
     * The locale of a page in the language: the first region an {@code Accept-Language} header names for it
     * ({@code fr-FR, fr;q=0.8} gives {@code fr-FR}), else the language's default ({@code fr-CA}).
     */
    public static Locale locale(Language language, String acceptLanguage) {
        requireNonNull(language, "language is null");
        return ranges(acceptLanguage).stream()
                .map(Locale.LanguageRange::getRange)
                .map(Language::locale)
                .flatMap(Optional::stream)
                .filter(locale -> locale.getLanguage().equals(language.code()))
                .filter(locale -> !locale.getCountry().isEmpty())
                .findFirst()
                .orElse(language.defaultLocale());
    }

    /** The locale {@code ?lang=} asks for ({@code fr} is {@code fr-CA}, {@code fr-FR} keeps its region), if any. */
    private static Optional<Locale> queryLocale(Context ctx) {
        return Language.locale(ctx.queryParam("lang"));
    }

    private static boolean namesRegion(String tag) {
        return !Locale.forLanguageTag(tag.strip().replace('_', '-'))
                .getCountry()
                .isEmpty();
    }

    /** The language whose prefix the path starts with: {@code /es} or {@code /es/...}. */
    public Optional<Language> prefixOf(String path) {
        return all.stream()
                .filter(language -> path.equals("/" + language.code()) || path.startsWith("/" + language.code() + "/"))
                .findFirst();
    }

    /** The path without its language prefix: {@code /es/countries/MEX} is {@code /countries/MEX}, {@code /es} is /. */
    public String withoutPrefix(String path) {
        return prefixOf(path)
                .map(language -> path.substring(language.code().length() + 1))
                .map(rest -> rest.isEmpty() ? "/" : rest)
                .orElse(path);
    }

    /** The best supported match of an {@code Accept-Language} header, if any (a malformed range is passed over). */
    Optional<Language> accepted(String header) {
        return ranges(header).stream()
                .map(range -> range.getRange().split("-", 2)[0])
                .map(this::find)
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** The ranges of an {@code Accept-Language} header with a weight above 0, best first (malformed ones passed over). */
    private static List<Locale.LanguageRange> ranges(String header) {
        return Language.ranges(header).stream()
                .filter(range -> range.getWeight() > 0)
                .toList();
    }
}
