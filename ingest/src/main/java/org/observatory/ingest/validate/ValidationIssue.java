package org.observatory.ingest.validate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.observatory.ingest.IngestMessage;
import org.observatory.ingest.format.HeaderProblems;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Language;
import org.observatory.schemas.text.Message;
import org.observatory.schemas.text.Messages;

/**
 * One problem found in an uploaded file: how serious, which code, where (line and column; line 0 for the file as
 * a whole), the offending value, a message that says what is wrong and how to fix it, and the country (ISO alpha-3)
 * of the row it is about, so that a multi-country file's report can be shown to each country's analysts without
 * the other countries' values (null for the file as a whole, or a row whose country is not a known code).
 *
 * <p>The message is kept as a {@link Message}: its code and arguments are language-free. As JSON an issue has its
 * {@code message} in English, its {@code messageCode} (e.g. {@code ingest.value-not-a-number}) and its
 * {@code arguments} (numbers as JSON numbers), so a stored report can be shown again in any language; {@link
 * #message(Locale)} renders it in one.
 */
@JsonPropertyOrder({"severity", "code", "line", "column", "value", "message", "messageCode", "arguments", "country"})
public record ValidationIssue(
        Severity severity,
        ErrorCode code,
        long line,
        String column,
        String value,
        @JsonIgnore Message text,
        String country) {
    public ValidationIssue {
        requireNonNull(severity, "severity is null");
        requireNonNull(code, "code is null");
        requireNonNull(text, "text is null");
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative: " + line);
        }
    }

    /** An issue of no country yet (the report attributes it to the row being checked, if any). */
    public ValidationIssue(Severity severity, ErrorCode code, long line, String column, String value, Message text) {
        this(severity, code, line, column, value, text, null);
    }

    /**
     * An issue read back from its JSON: its message from {@code messageCode} and {@code arguments}; an issue stored
     * before messages had codes keeps its English {@code message}, whatever the language it is shown in.
     */
    @JsonCreator
    static ValidationIssue read(
            @JsonProperty("severity") Severity severity,
            @JsonProperty("code") ErrorCode code,
            @JsonProperty("line") long line,
            @JsonProperty("column") String column,
            @JsonProperty("value") String value,
            @JsonProperty("message") String message,
            @JsonProperty("messageCode") String messageCode,
            @JsonProperty("arguments") Map<String, Object> arguments,
            @JsonProperty("country") String country) {
        Map<String, Object> read = new LinkedHashMap<>();
        if (arguments != null) {
            // numbers as the issue was made with them: whole numbers are passed as longs
            arguments.forEach((name, argument) -> read.put(
                    name,
                    argument instanceof Integer || argument instanceof Short || argument instanceof BigInteger
                            ? (Object) ((Number) argument).longValue()
                            : argument == null ? "" : argument));
        }
        Optional<IngestMessage> known = IngestMessage.find(messageCode);
        Message text = (known.isPresent() ? storedWith(known.get(), read, column) : Message.decode(messageCode, read))
                .orElseGet(() -> IngestMessage.stored(message == null ? "" : message));
        return new ValidationIssue(severity, code, line, column, value, text, country);
    }

    /**
     * The message of a stored issue, if its arguments fill the text: an issue stored when the text named its column
     * itself gets the issue's column as its {@code column}; one stored before the text took an argument it lacks
     * (e.g. the count of a plural) is shown with its stored English message instead.
     */
    private static Optional<Message> storedWith(IngestMessage code, Map<String, Object> arguments, String column) {
        Set<String> needed = Messages.text(code, Language.ENGLISH)
                .map(Messages::placeholders)
                .orElse(Set.of());
        if (column != null && needed.contains("column")) {
            arguments.putIfAbsent("column", column);
        }
        return arguments.keySet().containsAll(needed) ? Optional.of(new Message(code, arguments)) : Optional.empty();
    }

    /** An error of the file as a whole. */
    public static ValidationIssue fileError(ErrorCode code, Message text) {
        return new ValidationIssue(Severity.ERROR, code, 0, null, null, text);
    }

    /**
     * The error of the file as a whole that a failure to read it is: its message, or, for a failure with no coded
     * message (an internal one), its English text.
     */
    public static ValidationIssue fileError(ObservatoryException failure) {
        return fileError(
                failure.errorCode(), failure.message().orElseGet(() -> IngestMessage.stored(failure.getMessage())));
    }

    /**
     * The errors of the file as a whole that a failure to read it gives: one per problem of a header ({@link
     * HeaderProblems}), else one.
     */
    public static List<ValidationIssue> fileErrors(ObservatoryException failure) {
        if (failure instanceof HeaderProblems header) {
            return header.problems().stream()
                    .map(problem -> fileError(problem.code(), problem.message()))
                    .toList();
        }
        return List.of(fileError(failure));
    }

    /** The message in English, as stored in reports and written to logs. */
    @JsonProperty("message")
    public String message() {
        return text.english();
    }

    /** The message in the locale's language (numbers formatted for the locale). */
    public String message(Locale locale) {
        return text.in(locale);
    }

    /** The stable code of the message, e.g. {@code ingest.value-not-a-number}. */
    @JsonProperty("messageCode")
    public String messageCode() {
        return text.code().code();
    }

    /** The arguments of the message, language-free (numbers as numbers). */
    @JsonProperty("arguments")
    public Map<String, Object> arguments() {
        return text.arguments();
    }

    /** The same issue, about a row of that country. */
    public ValidationIssue withCountry(String iso3) {
        return new ValidationIssue(severity, code, line, column, value, text, iso3);
    }
}
