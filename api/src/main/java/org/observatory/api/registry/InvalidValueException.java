package org.observatory.api.registry;

import static java.util.Objects.requireNonNull;

import org.observatory.schemas.text.Message;

/**
 * A value a person gave (a role, a country, an expiry) that the registry's rules refuse: its {@link #getMessage()}
 * is the English text, and {@link #text()} the coded message a reader gets in their language.
 */
public final class InvalidValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Message text;

    public InvalidValueException(Message text) {
        this(text, null);
    }

    public InvalidValueException(Message text, Throwable cause) {
        super(requireNonNull(text, "text is null").english(), cause);
        this.text = text;
    }

    /** The refusal as a message in any of the four languages. */
    public Message text() {
        return text;
    }
}
