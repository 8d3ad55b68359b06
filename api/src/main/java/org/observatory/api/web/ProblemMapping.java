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
import java.util.Optional;
import java.util.UUID;
import org.observatory.api.submission.ReportLanguage;
import org.observatory.api.submission.SubmissionRejectedException;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.error.Echo;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ErrorType;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Language;
import org.observatory.schemas.text.Message;
import org.observatory.schemas.text.MessageCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP responses: every error is an RFC 9457 problem
 * ({@code application/problem+json}) whose status follows from its {@link ErrorCode} and {@link ErrorType}.
 * Users see what is wrong and how to fix it for their own errors; for external and internal failures they see a
 * reference, and the exception with its stack trace goes to the server log only. Titles and details are in the
 * request's language ({@link ApiLanguage}); {@code code} (the error code) and {@code messageCode} (the code of the
 * detail's text, e.g. {@code api.parameter-not-one-of}) never change with it.
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
        Locale locale = ApiLanguage.locale(ctx);
        if (exception instanceof AuthenticationException authentication) {
            ctx.header("WWW-Authenticate", authentication.challenge());
        }
        if (exception instanceof TooManyFailedAuthenticationsException throttled) {
            ctx.header("Retry-After", Long.toString(throttled.retryAfterSeconds()));
        }
        String parameter = exception instanceof ParameterException bad ? bad.parameter() : null;
        Message detail;
        if (code.type() == ErrorType.USER_ERROR) {
            LOG.debug("{} {}: {}", ctx.method(), ctx.path(), exception.getMessage());
            detail = exception.message().orElse(null);
        } else {
            String reference = UUID.randomUUID().toString();
            LOG.error("{} {} failed with {} (reference {})", ctx.method(), ctx.path(), code, reference, exception);
            detail = code == ErrorCode.NOT_CONFIGURED
                    ? exception.message().orElse(null)
                    : Message.of(
                            code.type() == ErrorType.EXTERNAL
                                    ? ApiMessage.REFERENCE_EXTERNAL
                                    : ApiMessage.REFERENCE_INTERNAL,
                            "reference",
                            reference);
        }
        Problem problem = detail == null
                // an error whose text has no code yet is shown as written (in English)
                ? new Problem(
                        type(code),
                        title(code, locale),
                        status(code).getCode(),
                        exception.getMessage(),
                        ctx.path(),
                        code.name(),
                        null,
                        parameter)
                : problem(ctx, code, detail, parameter);
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
            withReport.put("messageCode", problem.messageCode());
            withReport.put("submissionId", rejected.submissionId());
            withReport.put("report", ReportLanguage.localised(rejected.report(), locale));
            ApiLanguage.declareOn(ctx);
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
        Object expectation = TYPE_CONVERSION_FAILED.equals(error.getMessage())
                ? Message.of(ApiMessage.EXPECT_WHOLE_NUMBER)
                : MessageCode.parse(error.getMessage())
                        .filter(code -> code.family().equals("api"))
                        .<Object>map(code -> new Message(code, error.getArgs()))
                        .orElse(error.getMessage());
        Message detail = Message.of(
                ApiMessage.PARAMETER_INVALID,
                "parameter",
                parameter,
                "expectation",
                expectation,
                "value",
                Echo.quote(String.valueOf(error.getValue())));
        LOG.debug("{} {}: {}", ctx.method(), ctx.path(), detail.english());
        respond(ctx, problem(ctx, ErrorCode.INVALID_PARAMETER, detail, parameter));
    }

    private static void httpResponseException(HttpResponseException exception, Context ctx) {
        HttpStatus status = HttpStatus.forStatus(exception.getStatus());
        Locale locale = ApiLanguage.locale(ctx);
        if (status == HttpStatus.NOT_FOUND) {
            Message detail =
                    Message.of(ApiMessage.NO_ROUTE, "method", ctx.method().name(), "path", Echo.quote(ctx.path()));
            respond(ctx, problem(ctx, ErrorCode.NOT_FOUND, detail, null));
            return;
        }
        if (status == HttpStatus.METHOD_NOT_ALLOWED) {
            String allowed = exception.getDetails().getOrDefault("availableMethods", "");
            Message detail = Message.of(
                    ApiMessage.METHOD_NOT_ALLOWED,
                    "method",
                    ctx.method().name(),
                    "path",
                    Echo.quote(ctx.path()),
                    "allowed",
                    allowed.isBlank() ? Message.of(ApiMessage.ANOTHER_METHOD) : allowed);
            if (!allowed.isBlank()) {
                ctx.header("Allow", allowed);
            }
            respond(
                    ctx,
                    new Problem(
                            TYPE_PREFIX + "method-not-allowed",
                            Message.of(ApiMessage.TITLE_METHOD_NOT_ALLOWED).in(locale),
                            status.getCode(),
                            detail.in(locale),
                            ctx.path(),
                            "METHOD_NOT_ALLOWED",
                            ApiMessage.METHOD_NOT_ALLOWED.code(),
                            null));
            return;
        }
        String detail = exception.getMessage() == null || exception.getMessage().isBlank()
                ? status.getMessage()
                : exception.getMessage();
        respond(
                ctx,
                new Problem(
                        "about:blank", status.getMessage(), status.getCode(), detail, ctx.path(), null, null, null));
    }

    private static void unexpectedException(Exception exception, Context ctx) {
        observatoryException(
                new ObservatoryException(ErrorCode.INTERNAL_ERROR, String.valueOf(exception.getMessage()), exception),
                ctx);
    }

    private static Problem problem(Context ctx, ErrorCode code, Message detail, String parameter) {
        ProblemPages pages = problemPages(ctx);
        Locale locale =
                Optional.ofNullable(pages).flatMap(shown -> shown.locale(ctx)).orElseGet(() -> ApiLanguage.locale(ctx));
        return new Problem(
                type(code),
                title(code, locale),
                status(code).getCode(),
                detail.in(locale),
                ctx.path(),
                code.name(),
                messageCode(detail),
                parameter);
    }

    /** The code of a detail's text; of the lookup's own text when it only names the query parameter it is about. */
    private static String messageCode(Message detail) {
        if (detail.code() == ApiMessage.IN_QUERY_PARAMETER
                && detail.arguments().get("detail") instanceof Message inner) {
            return inner.code().code();
        }
        return detail.code().code();
    }

    private static void respond(Context ctx, Problem problem) {
        ctx.status(problem.status());
        ProblemPages pages = problemPages(ctx);
        if (pages != null && pages.render(ctx, problem)) {
            return;
        }
        ApiLanguage.declareOn(ctx);
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

    /** The title of an error code in English, as problems had it before they spoke four languages. */
    static String title(ErrorCode code) {
        return title(code, Language.ENGLISH.defaultLocale());
    }

    /** The title of an error code in the locale's language. */
    static String title(ErrorCode code, Locale locale) {
        ApiMessage title =
                switch (code) {
                    case NOT_FOUND -> ApiMessage.TITLE_NOT_FOUND;
                    case INVALID_PARAMETER -> ApiMessage.TITLE_INVALID_PARAMETER;
                    case UNKNOWN_PARAMETER -> ApiMessage.TITLE_UNKNOWN_PARAMETER;
                    case NO_SNAPSHOT -> ApiMessage.TITLE_NO_SNAPSHOT;
                    case STORAGE_FAILURE -> ApiMessage.TITLE_STORAGE_FAILURE;
                    case INTERNAL_ERROR -> ApiMessage.TITLE_INTERNAL_ERROR;
                    case UNAUTHENTICATED -> ApiMessage.TITLE_UNAUTHENTICATED;
                    case UPLOAD_TOO_LARGE -> ApiMessage.TITLE_UPLOAD_TOO_LARGE;
                    case TOO_MANY_FAILED_AUTHENTICATIONS -> ApiMessage.TITLE_TOO_MANY_FAILED_AUTHENTICATIONS;
                    case URI_TOO_LONG -> ApiMessage.TITLE_URI_TOO_LONG;
                    case FORBIDDEN -> ApiMessage.TITLE_FORBIDDEN;
                    case CONFLICT -> ApiMessage.TITLE_CONFLICT;
                    case SUBMISSION_REJECTED -> ApiMessage.TITLE_SUBMISSION_REJECTED;
                    case NOT_CONFIGURED -> ApiMessage.TITLE_NOT_CONFIGURED;
                    case CHANGES_NOT_RECORDED -> ApiMessage.TITLE_CHANGES_NOT_RECORDED;
                    case MALFORMED_REQUEST -> ApiMessage.TITLE_MALFORMED_REQUEST;
                    case REQUEST_HEADERS_TOO_LARGE -> ApiMessage.TITLE_REQUEST_HEADERS_TOO_LARGE;
                    default -> null;
                };
        if (title != null) {
            return Message.of(title).in(locale);
        }
        if (Language.of(locale).orElse(Language.ENGLISH) == Language.ENGLISH) {
            // the code's own words, as English titles always were (e.g. "Run in progress")
            String words = code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            return Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }
        return Message.of(
                        switch (code.type()) {
                            case USER_ERROR -> ApiMessage.TITLE_USER_ERROR;
                            case EXTERNAL -> ApiMessage.TITLE_UNAVAILABLE;
                            case INTERNAL -> ApiMessage.TITLE_INTERNAL_ERROR;
                        })
                .in(locale);
    }
}
