package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/** A request parameter that is unknown or has a bad value; the problem response names the parameter. */
public final class ParameterException extends ObservatoryException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public ParameterException(ErrorCode errorCode, String parameter, String message) {
        super(errorCode, message);
        this.parameter = requireNonNull(parameter, "parameter is null");
    }

    public String parameter() {
        return parameter;
    }
}
