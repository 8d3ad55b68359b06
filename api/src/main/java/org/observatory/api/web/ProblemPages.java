package org.observatory.api.web;

import io.javalin.config.Key;
import io.javalin.http.Context;

/**
 * Shows a problem to a person: when a browser asks a page for HTML and gets an error, it gets an error page in its
 * language instead of the problem document (an API client still gets the problem). The app registers one under
 * {@link #KEY}; {@link ProblemMapping} asks it before it answers with JSON.
 */
public interface ProblemPages {
    Key<ProblemPages> KEY = new Key<>("observatory-problem-pages");

    /** Renders the problem as a page and answers true, or answers false when the request wants the problem. */
    boolean render(Context ctx, Problem problem);
}
