package org.observatory.api.web;

/** Helpers for echoing request values in messages without letting a huge value flood a response. */
public final class Messages {
    private static final int LONGEST_ECHO = 64;

    private Messages() {}

    /** The value, cut to 64 characters with an ellipsis when it is longer. */
    public static String quote(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= LONGEST_ECHO ? value : value.substring(0, LONGEST_ECHO) + "...";
    }
}
