package org.observatory.ingest.format;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

/**
 * The problems of a file's header line, each with its code and message (missing required columns, two columns that
 * are the same column, a quote left open), so that the report lists each on its own. As an exception it has the
 * code and message of the first.
 */
public final class HeaderProblems extends ObservatoryException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public HeaderProblems(List<Problem> problems) {
        super(first(problems).code(), first(problems).message());
        this.problems = List.copyOf(problems);
    }

    private static Problem first(List<Problem> problems) {
        if (requireNonNull(problems, "problems is null").isEmpty()) {
            throw new IllegalArgumentException("a header with problems has at least one");
        }
        return problems.get(0);
    }

    /** Every problem of the header, in the order the report lists them. */
    public List<Problem> problems() {
        return problems;
    }

    /** One problem of the header. */
    public record Problem(ErrorCode code, Message message) {
        public Problem {
            requireNonNull(code, "code is null");
            requireNonNull(message, "message is null");
        }
    }
}
