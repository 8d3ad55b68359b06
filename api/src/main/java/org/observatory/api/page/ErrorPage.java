package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.observatory.api.web.ApiLanguage;
import org.observatory.api.web.Problem;
import org.observatory.api.web.ProblemPages;
import org.observatory.schemas.text.Language;

/**
 * The error page: what went wrong on a page, in the reader's language, with the problem's own detail (which says
 * what, where and how to fix it) and the way back. It answers a browser's request (one that accepts {@code
 * text/html}) for anything but the API, the OpenAPI document, the health check and the assets, which keep their
 * problem documents.
 */
public final class ErrorPage implements ProblemPages {
    private static final List<String> MACHINE_PATHS = List.of("/api/", "/openapi.json", "/health", "/assets/");
    private static final List<Integer> TITLED = List.of(400, 401, 403, 404, 405, 409, 413, 422, 429, 503);

    private final Pages pages;

    public ErrorPage(Pages pages) {
        this.pages = requireNonNull(pages, "pages is null");
    }

    /** The error page's content: the status, its title in the page's language, and the problem's detail. */
    public record View(int status, String heading, String detail, boolean detailInEnglish) {
        public View {
            requireNonNull(heading, "heading is null");
            requireNonNull(detail, "detail is null");
        }
    }

    /**
     * The page's locale when the problem is shown as a page; for a problem document, the locale of the path's
     * language prefix ({@code /fr/countries/XXX} asked by curl gets its detail in French, the region still from
     * {@code Accept-Language}), which the answer then names in {@code Content-Language}; else empty (the API's
     * language).
     */
    @Override
    public Optional<Locale> locale(Context ctx) {
        if (shownAsPage(ctx)) {
            return Optional.of(pages.languages().localizer(ctx).locale());
        }
        if (MACHINE_PATHS.stream().anyMatch(ctx.path()::startsWith)) {
            return Optional.empty();
        }
        Optional<Locale> prefixed = pages.languages()
                .prefixOf(ctx.path())
                .map(language -> Languages.locale(language, ctx.header("Accept-Language")));
        prefixed.ifPresent(locale -> ApiLanguage.use(ctx, locale));
        return prefixed;
    }

    private static boolean shownAsPage(Context ctx) {
        String accept = Optional.ofNullable(ctx.header("Accept")).orElse("");
        return MACHINE_PATHS.stream().noneMatch(ctx.path()::startsWith) && accept.contains("text/html");
    }

    @Override
    public boolean render(Context ctx, Problem problem) {
        if (!shownAsPage(ctx)) {
            return false;
        }
        Localizer t = pages.languages().localizer(ctx);
        int status = problem.status();
        String key = TITLED.contains(status) ? "error." + status : status >= 500 ? "error.500" : "error.400";
        PageFrame frame = pages.frame(ctx, t, t.text(key), Optional.empty());
        ctx.header("Cache-Control", "no-store");
        // a coded detail was written in the page's locale (see locale(ctx)); one without a code yet is in English
        boolean detailInEnglish = problem.messageCode() == null && t.language() != Language.ENGLISH;
        pages.render(ctx, "error.jte", frame, new View(status, t.text(key), problem.detail(), detailInEnglish));
        return true;
    }
}
