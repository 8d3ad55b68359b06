package org.observatory.api.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.text.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The errors Jetty answers by itself, before a request reaches the app: a request line or headers too large to read
 * (414, 431), a path that cannot be decoded (400, e.g. {@code %zz}), and anything Jetty's servlet layer refuses.
 * They are RFC 9457 problems like every other error ({@link ProblemMapping}), with {@code X-Content-Type-Options:
 * nosniff}, instead of Jetty's HTML page.
 */
public final class ServerErrors extends ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ServerErrors.class);
    private static final int URI_TOO_LONG = 414;
    private static final int HEADERS_TOO_LARGE = 431;

    private final ObjectMapper json;

    public ServerErrors(ObjectMapper json) {
        this.json = json;
    }

    /** A request Jetty could not parse: there is no request to dispatch, only the status and Jetty's reason. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, ProblemMapping.CONTENT_TYPE);
        fields.put(SecurityHeaders.NO_SNIFF, SecurityHeaders.NOSNIFF);
        fields.put("Content-Language", ApiLanguage.DEFAULT.toLanguageTag());
        LOG.debug("Jetty refused a request: {} {}", status, reason);
        return ByteBuffer.wrap(bytes(problem(status, reason, null)));
    }

    /** An error Jetty's servlet layer raised for a request (the app itself maps its own through ProblemMapping). */
    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        baseRequest.setHandled(true);
        if (response.isCommitted()) {
            return;
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        int status = response.getStatus();
        LOG.debug("Jetty refused {} {}: {} {}", request.getMethod(), request.getRequestURI(), status, message);
        Locale locale = ApiLanguage.negotiate(request.getHeader("Accept-Language"));
        byte[] body =
                bytes(problem(status, message == null ? null : message.toString(), request.getRequestURI(), locale));
        response.setContentType(ProblemMapping.CONTENT_TYPE);
        response.setHeader("Content-Language", locale.toLanguageTag());
        response.setHeader("Vary", "Accept-Language");
        response.setHeader(SecurityHeaders.NO_SNIFF, SecurityHeaders.NOSNIFF);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static Problem problem(int status, String reason, String instance) {
        return problem(status, reason, instance, ApiLanguage.DEFAULT);
    }

    /** The problem in the locale's language (a request Jetty could not parse has no language: English). */
    static Problem problem(int status, String reason, String instance, Locale locale) {
        ErrorCode code;
        ApiMessage text;
        String why = reason == null || reason.isBlank() ? "" : " (" + reason + ")";
        if (status == URI_TOO_LONG) {
            code = ErrorCode.URI_TOO_LONG;
            text = ApiMessage.REQUEST_LINE_TOO_LONG;
        } else if (status == HEADERS_TOO_LARGE) {
            code = ErrorCode.REQUEST_HEADERS_TOO_LARGE;
            text = ApiMessage.REQUEST_HEADERS_TOO_LARGE;
        } else if (status >= 500) {
            code = ErrorCode.INTERNAL_ERROR;
            text = ApiMessage.SERVER_FAILED;
        } else {
            code = ErrorCode.MALFORMED_REQUEST;
            text = ApiMessage.REQUEST_UNREADABLE;
        }
        return new Problem(
                ProblemMapping.type(code),
                ProblemMapping.title(code, locale),
                status,
                Message.of(text, "why", why).in(locale),
                instance,
                code.name(),
                text.code(),
                null);
    }

    private byte[] bytes(Problem problem) {
        try {
            return json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is always JSON", e);
        }
    }
}
