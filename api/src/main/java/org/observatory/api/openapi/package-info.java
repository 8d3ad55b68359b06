/** The OpenAPI 3.1 document of the API, merged from per-area fragments, and its HTML rendering. */
package org.observatory.api.openapi;
