package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages the pages speak, in the order of the language switch, and how a request picks one: the path prefix
 * ({@code /es/countries/MEX}), then {@code ?lang=}, then the best match of {@code Accept-Language}, then the first
 * language. A language that is not supported is passed over, never an error: the page is still shown.
 *
 * <p>Nothing here assumes how many languages there are; adding one is adding it to {@link #PAGES} with its message
 * bundle ({@code messages_xx.properties}, which a test holds to the same keys as the others).
 */
public final class Languages {
    public static final Language SPANISH = new Language("es", Locale.forLanguageTag("es-419"), "Español");
    public static final Language ENGLISH = new Language("en", Locale.forLanguageTag("en-US"), "English");

    /** The pages' languages: Spanish first, the language of most of the observatory's users. */
    public static final Languages PAGES = new Languages(List.of(SPANISH, ENGLISH));

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

    public Optional<Language> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.strip().toLowerCase(Locale.ROOT);
        return all.stream().filter(language -> language.code().equals(wanted)).findFirst();
    }

    /** The language of the request (see the class comment). */
    public Language of(Context ctx) {
        return prefixOf(ctx.path())
                .or(() -> find(ctx.queryParam("lang")))
                .or(() -> accepted(ctx.header("Accept-Language")))
                .orElse(all.get(0));
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

    /** The best supported match of an {@code Accept-Language} header, if any (a malformed header is ignored). */
    Optional<Language> accepted(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(header);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        List<String> codes = new ArrayList<>();
        all.forEach(language -> codes.add(language.code()));
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() == 0) {
                continue;
            }
            String primary = range.getRange().split("-", 2)[0];
            if (codes.contains(primary)) {
                return find(primary);
            }
        }
        return Optional.empty();
    }
}
