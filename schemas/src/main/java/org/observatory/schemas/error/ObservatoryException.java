package org.observatory.schemas.error;

import static java.util.Objects.requireNonNull;

/** An error with a code from {@link ErrorCode}; its message says what is wrong, where, and how to fix it. */
public class ObservatoryException extends RuntimeException {
    private final ErrorCode errorCode;

    public ObservatoryException(ErrorCode errorCode, String message) {
        super(requireNonNull(message, "message is null"));
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public ObservatoryException(ErrorCode errorCode, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
