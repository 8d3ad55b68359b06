package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

/** A request parameter that is unknown or has a bad value; the problem response names the parameter. */
public final class ParameterException extends ObservatoryException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public ParameterException(ErrorCode errorCode, String parameter, Message message) {
        super(errorCode, message);
        this.parameter = requireNonNull(parameter, "parameter is null");
    }

    /**
     * Another error (of another module) about the parameter: its coded message when it has one, else its text as
     * written.
     */
    public static ParameterException about(String parameter, ObservatoryException error) {
        return error.message()
                .map(message -> new ParameterException(error.errorCode(), parameter, message))
                .orElseGet(() -> new ParameterException(error.errorCode(), parameter, error.getMessage()));
    }

    /**
     * An error about the parameter whose text has no message code yet (e.g. a codelist's refusal of a value); it is
     * shown as written, in English, whatever the reader's language.
     */
    public ParameterException(ErrorCode errorCode, String parameter, String message) {
        super(errorCode, message);
        this.parameter = requireNonNull(parameter, "parameter is null");
    }

    public String parameter() {
        return parameter;
    }
}
