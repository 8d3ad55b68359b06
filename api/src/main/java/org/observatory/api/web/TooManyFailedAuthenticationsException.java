package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.observatory.api.config.AuthenticationThrottleSettings;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

/**
 * A request that sends a token from a client address that failed to authenticate too often: a 429 problem with a
 * {@code Retry-After} header (whole seconds).
 */
public final class TooManyFailedAuthenticationsException extends ObservatoryException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    TooManyFailedAuthenticationsException(AuthenticationThrottleSettings settings, Duration wait) {
        this(requireNonNull(settings, "settings is null"), seconds(wait));
    }

    private TooManyFailedAuthenticationsException(AuthenticationThrottleSettings settings, long seconds) {
        super(
                ErrorCode.TOO_MANY_FAILED_AUTHENTICATIONS,
                Message.of(
                        ApiMessage.TOO_MANY_FAILED_AUTHENTICATIONS,
                        "failures",
                        (long) settings.failures(),
                        "window",
                        settings.window().toSeconds(),
                        "wait",
                        seconds));
        this.retryAfterSeconds = seconds;
    }

    /** The value of the {@code Retry-After} header: at least one second. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static long seconds(Duration wait) {
        requireNonNull(wait, "wait is null");
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
