package org.observatory.api.submission;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.observatory.api.registry.SubmissionRecord;

/**
 * Where a page of submissions (newest first) ends: the time and id of its last submission. Clients see it as an
 * opaque token ({@link #token}); the next page starts after it, so submissions made meanwhile do not shift it.
 */
public record ListCursor(String submittedAt, String submissionId) {
    private static final String SEPARATOR = "\n";

    public ListCursor {
        requireNonNull(submittedAt, "submittedAt is null");
        requireNonNull(submissionId, "submissionId is null");
    }

    static ListCursor after(SubmissionRecord submission) {
        return new ListCursor(submission.submittedAt(), submission.submissionId());
    }

    /** The cursor as clients see it: URL-safe Base64 without padding. */
    public String token() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((submittedAt + SEPARATOR + submissionId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor of a token this server gave.
     *
     * @throws IllegalArgumentException for any other text, saying how to get a valid one
     */
    public static ListCursor parse(String token) {
        requireNonNull(token, "token is null");
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        int separator = decoded.indexOf(SEPARATOR);
        if (separator <= 0 || separator == decoded.length() - 1 || decoded.indexOf(SEPARATOR, separator + 1) >= 0) {
            throw invalid();
        }
        return new ListCursor(decoded.substring(0, separator), decoded.substring(separator + 1));
    }

    /** Whether the submission comes after this cursor in the newest-first order. */
    boolean precedes(SubmissionRecord submission) {
        int byTime = submission.submittedAt().compareTo(submittedAt);
        return byTime < 0 || (byTime == 0 && submission.submissionId().compareTo(submissionId) < 0);
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException(
                "is not a cursor this server gave; use the 'next' link of the previous page as it is, or leave"
                        + " cursor out for the first page");
    }
}
