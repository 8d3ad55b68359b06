/**
 * The four languages of the Americas (Spanish, English, Portuguese, French) and everything that speaks them:
 * {@link org.observatory.schemas.text.Language} and how a request or a command picks one and its CLDR locale,
 * {@link org.observatory.schemas.text.Message}s (a stable code and named arguments, rendered from message bundles
 * in any of the four languages), and {@link org.observatory.schemas.text.Labels} (a codelist label in the four
 * languages, with the fallback a missing one takes). Stored data and codes never depend on a language; only what a
 * person reads does.
 */
package org.observatory.schemas.text;
