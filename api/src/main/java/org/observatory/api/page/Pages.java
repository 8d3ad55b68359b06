package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.rendering.FileRenderer;
import io.javalin.rendering.template.JavalinJte;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.observatory.api.query.Snapshot;
import org.observatory.schemas.text.Language;

/**
 * Renders the pages: the jte templates of {@code src/main/jte}, compiled to Java at build time (package {@value
 * #TEMPLATE_PACKAGE}), HTML-escaped by default. Every template takes the {@link PageFrame} as {@code frame} and its
 * own view as {@code view}, and wraps its content in the {@code layout} template.
 *
 * <p>Every page is sent with a Content-Security-Policy that lets it load nothing from elsewhere (its stylesheet and
 * script come from {@code /assets/}), in its locale ({@code Content-Language}); every page varies by {@code
 * Accept-Language}, which picks its language when the path does not and its locale within the language (see {@link
 * Languages}).
 */
public final class Pages {
    public static final String TEMPLATE_PACKAGE = Templates.PACKAGE;
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static final String HTML = "text/html; charset=utf-8";

    private final Languages languages;
    private final FileRenderer renderer;

    public Pages(Languages languages) {
        this.languages = requireNonNull(languages, "languages is null");
        this.renderer = new JavalinJte(Templates.engine());
    }

    /** The renderer Javalin's {@code ctx.render} uses. */
    public FileRenderer renderer() {
        return renderer;
    }

    public Languages languages() {
        return languages;
    }

    /**
     * The request's language (see {@link Languages#of}).
     *
     * @throws NotFoundResponse for a path whose language prefix the pages do not speak (no route matches it)
     */
    public Localizer localizer(Context ctx) {
        String prefix = ctx.pathParamMap().get("lang");
        if (prefix != null
                && languages
                        .find(prefix)
                        .filter(language -> language.code().equals(prefix))
                        .isEmpty()) {
            // not a language: the path is no page at all, and gets the 404 of every unknown route
            throw new NotFoundResponse();
        }
        return languages.localizer(ctx);
    }

    /**
     * The frame of a page about the given snapshot (none before the first publication).
     *
     * @param title the page's own title, already in the page's language
     */
    public PageFrame frame(Context ctx, Localizer t, String title, Optional<Snapshot> snapshot) {
        return frame(ctx, t, title, snapshot, Optional.empty());
    }

    /**
     * The frame of a signed-in visitor's own page (it names them and has the sign-out button). Such a page is
     * theirs alone: it is sent with {@code Cache-Control: no-store}.
     */
    public PageFrame privateFrame(
            Context ctx, Localizer t, String title, Optional<Snapshot> snapshot, Sessions.SignedIn visitor) {
        ctx.header("Cache-Control", "no-store");
        return frame(ctx, t, title, snapshot, Optional.of(visitor));
    }

    private PageFrame frame(
            Context ctx, Localizer t, String title, Optional<Snapshot> snapshot, Optional<Sessions.SignedIn> visitor) {
        String path = languages.withoutPrefix(ctx.path());
        String query = withoutLanguageParameter(ctx.queryString());
        String pathAndQuery = query.isEmpty() ? path : path + "?" + query;
        List<PageFrame.LanguageLink> links = languages.all().stream()
                .map(language -> new PageFrame.LanguageLink(
                        language, inLanguage(language, pathAndQuery), language.equals(t.language())))
                .toList();
        return new PageFrame(
                t,
                title,
                pathAndQuery,
                links,
                snapshot.map(Snapshot::containsSyntheticData).orElse(false),
                snapshot.map(Snapshot::id),
                visitor);
    }

    /** The query string without {@code lang=}: a link to the page in another language must not name this one. */
    static String withoutLanguageParameter(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        return java.util.Arrays.stream(query.split("&"))
                .filter(parameter -> !parameter.equals("lang") && !parameter.startsWith("lang="))
                .collect(java.util.stream.Collectors.joining("&"));
    }

    /** The page rendered to HTML (for pages kept in the response cache). */
    public String html(Context ctx, String template, PageFrame frame, Object view) {
        return renderer.render(template, Map.of("frame", frame, "view", view), ctx);
    }

    /** Sends the page with its headers. */
    public void render(Context ctx, String template, PageFrame frame, Object view) {
        headers(ctx, frame);
        ctx.contentType(HTML).result(html(ctx, template, frame, view));
    }

    /** The headers of a page: its Content-Security-Policy, its locale, and that it varies by Accept-Language. */
    public void headers(Context ctx, PageFrame frame) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("Content-Language", frame.tag());
        ctx.header("Vary", "Accept-Language");
    }

    /** Sends the visitor on to a site path in the page's language: 303 after a form, never cached. */
    static void seeOther(Context ctx, Localizer t, String sitePath) {
        ctx.header("Cache-Control", "no-store");
        ctx.redirect(inLanguage(t.language(), sitePath), HttpStatus.SEE_OTHER);
    }

    /** A site path in a language: {@code /} becomes {@code /es/}, {@code /countries/MEX} {@code /es/countries/MEX}. */
    static String inLanguage(Language language, String sitePath) {
        requireNonNull(sitePath, "sitePath is null");
        if (!sitePath.startsWith("/")) {
            throw new IllegalArgumentException("A site path starts with /, not '" + sitePath + "'");
        }
        return "/" + language.code() + sitePath;
    }
}
