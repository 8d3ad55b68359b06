package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.observatory.schemas.text.Language;

/**
 * What every page shows around its content (the {@code layout} template): the title, the language and its switch,
 * the synthetic-data banner when the data shown is synthetic, and the vintage served. Links inside the site keep
 * the page's language ({@link #link}).
 *
 * @param path the page's path without its language prefix, with its query string, e.g. {@code /countries/MEX}
 * @param vintage the id of the snapshot the page shows, when there is one
 * @param visitor the signed-in analyst or secretariat, shown (with a sign-out button) on their own pages only:
 *     public pages are the same for everyone, so they can be cached
 */
public record PageFrame(
        Localizer t,
        String title,
        String path,
        List<LanguageLink> languages,
        boolean synthetic,
        Optional<String> vintage,
        Optional<Sessions.SignedIn> visitor) {
    public PageFrame {
        requireNonNull(t, "t is null");
        requireNonNull(title, "title is null");
        requireNonNull(path, "path is null");
        languages = List.copyOf(requireNonNull(languages, "languages is null"));
        requireNonNull(vintage, "vintage is null");
        requireNonNull(visitor, "visitor is null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("A page path starts with /, not '" + path + "'");
        }
    }

    /** One entry of the language switch: the same page in another language. */
    public record LanguageLink(Language language, String href, boolean current) {
        public LanguageLink {
            requireNonNull(language, "language is null");
            requireNonNull(href, "href is null");
        }
    }

    public Language language() {
        return t.language();
    }

    /** The BCP 47 tag of the page's locale ({@code pt-BR}, {@code fr-FR}), for {@code <html lang>}. */
    public String tag() {
        return t.tag();
    }

    /** How the page names the signed-in visitor: "a MEX analyst", "the secretariat", in the page's language. */
    public String visitorName() {
        return visitor.map(signedIn -> signedIn.account()
                        .analystCountry()
                        .map(country -> t.text("visitor.analyst", country))
                        .orElseGet(() -> t.text("visitor.secretariat")))
                .orElse("");
    }

    /** A site path in the page's language: {@code /countries/MEX} becomes {@code /es/countries/MEX}. */
    public String link(String sitePath) {
        return Pages.inLanguage(t.language(), sitePath);
    }
}
