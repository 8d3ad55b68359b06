/**
 * The HTTP layer: controllers that only parse requests and write JSON, the response bodies, and the single
 * mapping from exceptions to RFC 9457 problem responses.
 */
package org.observatory.api.web;
