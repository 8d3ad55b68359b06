package org.observatory.api.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.observatory.schemas.error.ErrorCode;
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
        byte[] body = bytes(problem(status, message == null ? null : message.toString(), request.getRequestURI()));
        response.setContentType(ProblemMapping.CONTENT_TYPE);
        response.setHeader(SecurityHeaders.NO_SNIFF, SecurityHeaders.NOSNIFF);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static Problem problem(int status, String reason, String instance) {
        ErrorCode code;
        String detail;
        String why = reason == null || reason.isBlank() ? "" : " (" + reason + ")";
        if (status == URI_TOO_LONG) {
            code = ErrorCode.URI_TOO_LONG;
            detail = ("The request line is longer than this server reads%s; shorten the URL (no URL of this API"
                            + " needs to be long: each query parameter takes one value)")
                    .formatted(why);
        } else if (status == HEADERS_TOO_LARGE) {
            code = ErrorCode.REQUEST_HEADERS_TOO_LARGE;
            detail = ("The request headers are larger than this server reads%s; send fewer or shorter headers (a"
                            + " token is under 100 characters)")
                    .formatted(why);
        } else if (status >= 500) {
            code = ErrorCode.INTERNAL_ERROR;
            detail = "The server failed to answer%s; try again, and give the time of the request to the operators"
                    .formatted(why);
        } else {
            code = ErrorCode.MALFORMED_REQUEST;
            detail = ("The server cannot read this request%s; check that the URL is percent-encoded (a '%%' is followed"
                            + " by two hexadecimal digits) and that the headers are well formed")
                    .formatted(why);
        }
        return new Problem(
                ProblemMapping.type(code), ProblemMapping.title(code), status, detail, instance, code.name(), null);
    }

    private byte[] bytes(Problem problem) {
        try {
            return json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is always JSON", e);
        }
    }
}
