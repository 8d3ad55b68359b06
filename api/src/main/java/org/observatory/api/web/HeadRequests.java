package org.observatory.api.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * Answers {@code HEAD} exactly as {@code GET} without the body (RFC 9110, 9.3.2). Javalin answers a HEAD for a GET
 * route by itself, with 200 and nothing else, without running the route's checks; this filter hands Javalin the
 * request as a GET instead, so the before-handlers, the route, its checks and the problem mapping all run, and the
 * status and headers are those of the GET. Jetty still knows the request is a HEAD and sends no body; the {@code
 * Content-Length} stays the one the GET has.
 */
public final class HeadRequests implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && "HEAD".equals(http.getMethod())) {
            chain.doFilter(new AsGet(http), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static final class AsGet extends HttpServletRequestWrapper {
        AsGet(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }
    }
}
