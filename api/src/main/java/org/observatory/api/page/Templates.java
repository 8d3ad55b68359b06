package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The jte templates of {@code src/main/jte}, compiled to Java at build time (package {@value #PACKAGE}) and
 * HTML-escaped by default, rendered without a request: the pages render through it ({@link Pages}), and so do HTML
 * documents made outside a server, such as the response-rate report the command line writes.
 */
public final class Templates {
    public static final String PACKAGE = "org.observatory.api.page.template";

    private static final TemplateEngine ENGINE =
            TemplateEngine.createPrecompiled(null, ContentType.Html, Templates.class.getClassLoader(), PACKAGE);

    private Templates() {}

    /** The engine of the precompiled templates (it holds no state per rendering, so it is shared). */
    public static TemplateEngine engine() {
        return ENGINE;
    }

    /**
     * The template rendered with its parameters.
     *
     * @param template the template's path under {@code src/main/jte}, e.g. {@code docs.jte}
     */
    public static String render(String template, Map<String, Object> parameters) {
        requireNonNull(template, "template is null");
        requireNonNull(parameters, "parameters is null");
        StringOutput output = new StringOutput();
        ENGINE.render(template, parameters, output);
        return output.toString();
    }
}
