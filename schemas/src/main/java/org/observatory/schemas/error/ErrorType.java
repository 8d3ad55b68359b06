package org.observatory.schemas.error;

/** Who has to act on an error: the user who sent bad input, an outside system, or us. */
public enum ErrorType {
    /** The input or the request is wrong; the message says how to fix it. */
    USER_ERROR,
    /** A dependency outside the platform failed (file system, cluster, network). */
    EXTERNAL,
    /** A bug or a broken invariant inside the platform. */
    INTERNAL
}
