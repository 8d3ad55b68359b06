package org.observatory.api.web;

import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

/**
 * A request without a bearer token where one is needed, or with a token that does not work (of no account, of a
 * revoked or expired account, or replaced by a rotation): a 401 problem with a {@code WWW-Authenticate: Bearer}
 * challenge (RFC 6750), {@code error="invalid_token"} for a token that does not work.
 */
public final class AuthenticationException extends ObservatoryException {
    private static final long serialVersionUID = 1L;

    private final boolean invalidToken;

    private AuthenticationException(Message message, boolean invalidToken) {
        super(ErrorCode.UNAUTHENTICATED, message);
        this.invalidToken = invalidToken;
    }

    static AuthenticationException missing(Message message) {
        return new AuthenticationException(message, false);
    }

    static AuthenticationException invalid(Message message) {
        return new AuthenticationException(message, true);
    }

    /** The value of the {@code WWW-Authenticate} header. */
    public String challenge() {
        return invalidToken ? "Bearer realm=\"observatory\", error=\"invalid_token\"" : "Bearer realm=\"observatory\"";
    }
}
