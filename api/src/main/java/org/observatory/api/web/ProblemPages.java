package org.observatory.api.web;

import io.javalin.config.Key;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;

/**
 * Shows a problem to a person: when a browser asks a page for HTML and gets an error, it gets an error page in its
 * language instead of the problem document (an API client still gets the problem). The app registers one under
 * {@link #KEY}; {@link ProblemMapping} asks it before it answers with JSON.
 */
public interface ProblemPages {
    Key<ProblemPages> KEY = new Key<>("observatory-problem-pages");

    /**
     * The locale a page would show the request's problem in (the page's language and region), or empty when the
     * request wants the problem document: its detail is then in the API's language ({@link ApiLanguage}). A page
     * path that names its language may answer that language for the problem document too.
     */
    Optional<Locale> locale(Context ctx);

    /** Renders the problem as a page and answers true, or answers false when the request wants the problem. */
    boolean render(Context ctx, Problem problem);
}
