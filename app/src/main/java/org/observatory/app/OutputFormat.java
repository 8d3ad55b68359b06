package org.observatory.app;

/** How a command prints its result: for people ({@code text}) or for machines ({@code json}). */
public enum OutputFormat {
    text,
    json
}
