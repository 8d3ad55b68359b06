package org.observatory.schemas.error;

/**
 * How a message echoes a value its reader sent: whole when it is short, cut to {@value #LONGEST} characters with an
 * ellipsis when it is longer, so that a huge value never floods a message or a response.
 */
public final class Echo {
    public static final int LONGEST = 64;

    private Echo() {}

    /** The value, cut to 64 characters with an ellipsis when it is longer; empty for null. */
    public static String quote(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= LONGEST ? value : value.substring(0, LONGEST) + "...";
    }
}
