package org.observatory.schemas.error;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import org.observatory.schemas.text.Message;

/**
 * An error with a code from {@link ErrorCode}; its message says what is wrong, where, and how to fix it. An error a
 * person reads (a user error, anything the API or the CLI shows) carries a {@link Message}, so it can be shown in
 * the reader's language ({@link #message(Locale)}); {@link #getMessage()} is then its English text, for logs.
 */
public class ObservatoryException extends RuntimeException {
    private final ErrorCode errorCode;
    private final transient Message text;

    public ObservatoryException(ErrorCode errorCode, Message message) {
        this(errorCode, message, null);
    }

    public ObservatoryException(ErrorCode errorCode, Message message, Throwable cause) {
        super(requireNonNull(message, "message is null").english(), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
        this.text = message;
    }

    /** An error only operators read (in the log): internal failures, whose users see a reference instead. */
    public ObservatoryException(ErrorCode errorCode, String message) {
        this(errorCode, message, (Throwable) null);
    }

    public ObservatoryException(ErrorCode errorCode, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
        this.text = null;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The message with its code, when the error has one. */
    public Optional<Message> message() {
        return Optional.ofNullable(text);
    }

    /** The message in the locale's language, or the English text of an error without a {@link Message}. */
    public String message(Locale locale) {
        return text == null ? getMessage() : text.in(locale);
    }
}
