package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.observatory.api.submission.SubmissionRejectedException;
import org.observatory.schemas.error.Echo;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ErrorType;
import org.observatory.schemas.error.ObservatoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP responses: every error is an RFC 9457 problem
 * ({@code application/problem+json}) whose status follows from its {@link ErrorCode} and {@link ErrorType}.
 * Users see what is wrong and how to fix it for their own errors; for external and internal failures they see a
 * reference, and the exception with its stack trace goes to the server log only.
 */
public final class ProblemMapping {
    public static final String CONTENT_TYPE = "application/problem+json";
    /** Problem types are URNs made from the error code, e.g. {@code urn:observatory:problem:not-found}. */
    public static final String TYPE_PREFIX = "urn:observatory:problem:";

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapping.class);
    private static final String TYPE_CONVERSION_FAILED = "TYPE_CONVERSION_FAILED";

    private ProblemMapping() {}

    /**
     * Registers the exception handlers on the app; every failed authentication of a request that sent a token is
     * counted by the throttle.
     */
    public static void register(Javalin app, AuthenticationThrottle throttle) {
        requireNonNull(throttle, "throttle is null");
        app.exception(ObservatoryException.class, (exception, ctx) -> {
            if (exception instanceof AuthenticationException && ctx.header("Authorization") != null) {
                throttle.recordFailure(ctx.ip());
            }
            observatoryException(exception, ctx);
        });
        app.exception(ValidationException.class, ProblemMapping::validationException);
        app.exception(HttpResponseException.class, ProblemMapping::httpResponseException);
        app.exception(Exception.class, ProblemMapping::unexpectedException);
    }

    /** The HTTP status of an error code: the single mapping from error codes and types to statuses. */
    public static HttpStatus status(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND, CHANGES_NOT_RECORDED -> HttpStatus.NOT_FOUND;
            case INVALID_PARAMETER, UNKNOWN_PARAMETER -> HttpStatus.BAD_REQUEST;
            case NO_SNAPSHOT -> HttpStatus.SERVICE_UNAVAILABLE;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UPLOAD_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case SUBMISSION_REJECTED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case TOO_MANY_FAILED_AUTHENTICATIONS -> HttpStatus.TOO_MANY_REQUESTS;
            case URI_TOO_LONG -> HttpStatus.URI_TOO_LONG;
            case REQUEST_HEADERS_TOO_LARGE -> HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            default ->
                switch (code.type()) {
                    case USER_ERROR -> HttpStatus.BAD_REQUEST;
                    case EXTERNAL -> HttpStatus.SERVICE_UNAVAILABLE;
                    case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
                };
        };
    }

    private static void observatoryException(ObservatoryException exception, Context ctx) {
        ErrorCode code = exception.errorCode();
        if (exception instanceof AuthenticationException authentication) {
            ctx.header("WWW-Authenticate", authentication.challenge());
        }
        if (exception instanceof TooManyFailedAuthenticationsException throttled) {
            ctx.header("Retry-After", Long.toString(throttled.retryAfterSeconds()));
        }
        String parameter = exception instanceof ParameterException bad ? bad.parameter() : null;
        String detail;
        if (code.type() == ErrorType.USER_ERROR) {
            LOG.debug("{} {}: {}", ctx.method(), ctx.path(), exception.getMessage());
            detail = exception.getMessage();
        } else {
            String reference = UUID.randomUUID().toString();
            LOG.error("{} {} failed with {} (reference {})", ctx.method(), ctx.path(), code, reference, exception);
            detail = code == ErrorCode.NOT_CONFIGURED
                    ? exception.getMessage()
                    : code.type() == ErrorType.EXTERNAL
                            ? "The published data could not be read; the cause is in the server log under reference %s. Try again later, or give the reference to the operators."
                                    .formatted(reference)
                            : "The server failed to answer; the cause is in the server log under reference %s. Give the reference to the operators."
                                    .formatted(reference);
        }
        Problem problem = problem(ctx, code, detail, parameter);
        if (exception instanceof SubmissionRejectedException rejected) {
            // the rejected submission is recorded: where it is, its id and its whole report beside the problem
            ctx.header("Location", Paths.expand(Paths.SUBMISSION, rejected.submissionId()));
            Map<String, Object> withReport = new LinkedHashMap<>();
            withReport.put("type", problem.type());
            withReport.put("title", problem.title());
            withReport.put("status", problem.status());
            withReport.put("detail", problem.detail());
            withReport.put("instance", problem.instance());
            withReport.put("code", problem.code());
            withReport.put("submissionId", rejected.submissionId());
            withReport.put("report", rejected.report());
            ctx.status(problem.status());
            ctx.json(withReport);
            ctx.contentType(CONTENT_TYPE);
            return;
        }
        respond(ctx, problem);
    }

    private static void validationException(ValidationException exception, Context ctx) {
        Map.Entry<String, List<ValidationError<Object>>> first =
                exception.getErrors().entrySet().iterator().next();
        String parameter = first.getKey();
        ValidationError<Object> error = first.getValue().get(0);
        String expectation =
                TYPE_CONVERSION_FAILED.equals(error.getMessage()) ? "must be a whole number" : error.getMessage();
        String detail = "Query parameter '%s' %s, not '%s'"
                .formatted(parameter, expectation, Echo.quote(String.valueOf(error.getValue())));
        LOG.debug("{} {}: {}", ctx.method(), ctx.path(), detail);
        respond(ctx, problem(ctx, ErrorCode.INVALID_PARAMETER, detail, parameter));
    }

    private static void httpResponseException(HttpResponseException exception, Context ctx) {
        HttpStatus status = HttpStatus.forStatus(exception.getStatus());
        if (status == HttpStatus.NOT_FOUND) {
            String detail = ("No route matches %s %s; GET /openapi.json lists every route (GET /docs shows them as a"
                            + " page)")
                    .formatted(ctx.method(), Echo.quote(ctx.path()));
            respond(ctx, problem(ctx, ErrorCode.NOT_FOUND, detail, null));
            return;
        }
        if (status == HttpStatus.METHOD_NOT_ALLOWED) {
            String allowed = exception.getDetails().getOrDefault("availableMethods", "");
            String detail = "%s is not allowed on %s; use %s (GET /openapi.json lists every route)"
                    .formatted(ctx.method(), Echo.quote(ctx.path()), allowed.isBlank() ? "another method" : allowed);
            if (!allowed.isBlank()) {
                ctx.header("Allow", allowed);
            }
            respond(
                    ctx,
                    new Problem(
                            TYPE_PREFIX + "method-not-allowed",
                            "Method not allowed",
                            status.getCode(),
                            detail,
                            ctx.path(),
                            "METHOD_NOT_ALLOWED",
                            null));
            return;
        }
        String detail = exception.getMessage() == null || exception.getMessage().isBlank()
                ? status.getMessage()
                : exception.getMessage();
        respond(ctx, new Problem("about:blank", status.getMessage(), status.getCode(), detail, ctx.path(), null, null));
    }

    private static void unexpectedException(Exception exception, Context ctx) {
        observatoryException(
                new ObservatoryException(ErrorCode.INTERNAL_ERROR, String.valueOf(exception.getMessage()), exception),
                ctx);
    }

    private static Problem problem(Context ctx, ErrorCode code, String detail, String parameter) {
        HttpStatus status = status(code);
        return new Problem(type(code), title(code), status.getCode(), detail, ctx.path(), code.name(), parameter);
    }

    private static void respond(Context ctx, Problem problem) {
        ctx.status(problem.status());
        ProblemPages pages = problemPages(ctx);
        if (pages != null && pages.render(ctx, problem)) {
            return;
        }
        ctx.json(problem);
        ctx.contentType(CONTENT_TYPE);
    }

    /** The app's error pages, when it has them (an app built without pages answers every error as a problem). */
    private static ProblemPages problemPages(Context ctx) {
        try {
            return ctx.appData(ProblemPages.KEY);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    static String type(ErrorCode code) {
        return TYPE_PREFIX + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String title(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND -> "Not found";
            case INVALID_PARAMETER -> "Invalid parameter";
            case UNKNOWN_PARAMETER -> "Unknown parameter";
            case NO_SNAPSHOT -> "No snapshot published";
            case STORAGE_FAILURE -> "Published data unreadable";
            case INTERNAL_ERROR -> "Internal error";
            case UNAUTHENTICATED -> "Authentication required";
            case UPLOAD_TOO_LARGE -> "Upload too large";
            case TOO_MANY_FAILED_AUTHENTICATIONS -> "Too many failed authentications";
            case URI_TOO_LONG -> "URI too long";
            default -> {
                String words = code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
                yield Character.toUpperCase(words.charAt(0)) + words.substring(1);
            }
        };
    }
}
