package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}: the standard members plus {@code code}
 * (an {@link org.observatory.schemas.error.ErrorCode} name clients can match on), {@code messageCode} (the stable
 * code of the detail's text, e.g. {@code api.parameter-not-one-of}, whatever language the detail is in) and, for a
 * bad or unknown request parameter, {@code parameter}. Absent members are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String code,
        String messageCode,
        String parameter) {
    public Problem {
        requireNonNull(type, "type is null");
        requireNonNull(title, "title is null");
        requireNonNull(detail, "detail is null");
    }

    /** A problem whose detail has no message code. */
    public Problem(
            String type, String title, int status, String detail, String instance, String code, String parameter) {
        this(type, title, status, detail, instance, code, null, parameter);
    }
}
