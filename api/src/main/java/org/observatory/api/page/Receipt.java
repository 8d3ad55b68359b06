package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.observatory.api.registry.Account;
import org.observatory.api.registry.ApprovalRecord;
import org.observatory.api.registry.Role;
import org.observatory.api.registry.SubmissionRecord;
import org.observatory.api.submission.PartState;
import org.observatory.api.submission.ReportLanguage;
import org.observatory.api.submission.SubmissionPart;
import org.observatory.api.submission.SubmissionView;
import org.observatory.schemas.text.Language;
import org.observatory.schemas.text.MessageCode;

/**
 * What the receipt page shows of a submission: exactly what {@code GET /api/v1/submissions/{id}} answers the same
 * reader (the {@link SubmissionView} of the submission service), arranged for reading: the true outcome, what was
 * detected, the row counts, the issues grouped by code with their counts (a group says when its list is capped),
 * each country's part with its state, and which downloads and decisions are the reader's.
 *
 * @param countries the member states with accepted rows that the reader may see
 * @param submittedAt when it was received, when the registry's time parses
 * @param detection what the reader detected, when the file was read as delimited text
 * @param rows the row counts, when the report has them (a submission staged before the registry kept reports has
 *     none)
 * @param issueGroups errors first, then warnings, each by code
 * @param onlyCountry the reader's country, when they see only its part of a multi-country file
 */
public record Receipt(
        String submissionId,
        String fileName,
        String sourceKind,
        Optional<String> country,
        List<String> countries,
        Optional<Integer> cycle,
        String submittedBy,
        Optional<Instant> submittedAt,
        String sha256,
        String approvalPolicy,
        Outcome outcome,
        Optional<Detection> detection,
        Optional<Rows> rows,
        long errors,
        long warnings,
        List<IssueGroup> issueGroups,
        List<Part> parts,
        Optional<String> onlyCountry,
        int otherParts,
        int otherIssues,
        boolean rawFile,
        boolean fixList) {
    public Receipt {
        requireNonNull(submissionId, "submissionId is null");
        requireNonNull(fileName, "fileName is null");
        requireNonNull(sourceKind, "sourceKind is null");
        requireNonNull(country, "country is null");
        countries = List.copyOf(requireNonNull(countries, "countries is null"));
        requireNonNull(cycle, "cycle is null");
        requireNonNull(submittedBy, "submittedBy is null");
        requireNonNull(submittedAt, "submittedAt is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(approvalPolicy, "approvalPolicy is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(detection, "detection is null");
        requireNonNull(rows, "rows is null");
        issueGroups = List.copyOf(requireNonNull(issueGroups, "issueGroups is null"));
        parts = List.copyOf(requireNonNull(parts, "parts is null"));
        requireNonNull(onlyCountry, "onlyCountry is null");
    }

    /** Whether some issue's message is in English on a page in another language (see {@link Issue#inEnglish}). */
    public boolean someInEnglish() {
        return issueGroups.stream().flatMap(group -> group.listed().stream()).anyMatch(Issue::inEnglish);
    }

    /** The true state of the file as a whole: never "successful" for something that staged nothing. */
    public enum Outcome {
        /** Validation rejected the file: nothing of it was staged. */
        REJECTED,
        /** The file passed its checks and was staged; each country's part has its own state. */
        ACCEPTED,
        /** Staged before the registry kept validation reports: accepted, with no report to show. */
        ACCEPTED_WITHOUT_REPORT
    }

    /** What the ingest detected of a delimited text file. */
    public record Detection(
            String encoding, String delimiter, String decimalSeparator, long preambleLines, Optional<String> layout) {
        public Detection {
            requireNonNull(encoding, "encoding is null");
            requireNonNull(delimiter, "delimiter is null");
            requireNonNull(decimalSeparator, "decimalSeparator is null");
            requireNonNull(layout, "layout is null");
        }

        /** The delimiter as a message key's last part when it is invisible ({@code tab}, {@code space}), else empty. */
        public Optional<String> invisibleDelimiter() {
            return switch (delimiter) {
                case "\t" -> Optional.of("tab");
                case " " -> Optional.of("space");
                default -> Optional.empty();
            };
        }
    }

    /**
     * The rows of the file: {@code read = accepted + skipped + invalid}.
     *
     * @param skippedByReason the skipped rows by reason, ordered by reason
     */
    public record Rows(long read, long accepted, Map<String, Long> skippedByReason, long invalid) {
        public Rows {
            skippedByReason = java.util.Collections.unmodifiableMap(
                    new TreeMap<>(requireNonNull(skippedByReason, "skippedByReason is null")));
        }

        public long skipped() {
            return skippedByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * The issues of one code: how many the report counts, and those it lists (the first ones of the code).
     *
     * @param severity {@code error} or {@code warning}
     */
    public record IssueGroup(String code, String severity, long counted, List<Issue> listed) {
        public IssueGroup {
            requireNonNull(code, "code is null");
            requireNonNull(severity, "severity is null");
            listed = List.copyOf(requireNonNull(listed, "listed is null"));
        }

        /** Whether the report lists fewer of this code than it counts. */
        public boolean capped() {
            return listed.size() < counted;
        }
    }

    /**
     * One issue: where (line 0 is the file as a whole), the value found and the message, which says what is wrong
     * and how to fix it, in the reader's language when the report stored its message code ({@code messageCode}).
     *
     * @param inEnglish whether the message is in English on a page in another language: the report stored it
     *     before messages had codes, so it exists in English only
     */
    public record Issue(long line, Optional<String> column, Optional<String> value, String message, boolean inEnglish) {
        public Issue {
            requireNonNull(column, "column is null");
            requireNonNull(value, "value is null");
            requireNonNull(message, "message is null");
        }
    }

    /**
     * One country's part and where it stands, with the decisions the reader may take about it (only the country's
     * own analysts decide: approve a part that waits or was withdrawn, withdraw one the next run would publish).
     */
    public record Part(
            String country,
            PartState state,
            Optional<String> publishedIn,
            Optional<ApprovalRecord> decision,
            Optional<Instant> decidedAt,
            boolean mayApprove,
            boolean mayWithdraw) {
        public Part {
            requireNonNull(country, "country is null");
            requireNonNull(state, "state is null");
            requireNonNull(publishedIn, "publishedIn is null");
            requireNonNull(decision, "decision is null");
            requireNonNull(decidedAt, "decidedAt is null");
        }
    }

    /**
     * The receipt of a submission as {@code reader} may see it ({@code seen} is the service's answer to them), its
     * issues' messages in the locale's language.
     */
    public static Receipt of(SubmissionView seen, Account reader, Locale locale) {
        requireNonNull(seen, "seen is null");
        requireNonNull(reader, "reader is null");
        requireNonNull(locale, "locale is null");
        SubmissionRecord submission = seen.submission();
        JsonNode report = ReportLanguage.localised(seen.report(), locale);
        boolean english = Language.of(locale).orElse(Language.ENGLISH) == Language.ENGLISH;
        Outcome outcome = !submission.accepted()
                ? Outcome.REJECTED
                : report.has("rowsRead") ? Outcome.ACCEPTED : Outcome.ACCEPTED_WITHOUT_REPORT;
        List<String> countries = seen.onlyCountry()
                .map(List::of)
                .orElseGet(() -> submission.countries().stream().sorted().toList());
        Optional<String> readersCountry = reader.analystCountry();
        List<Part> parts =
                seen.parts().stream().map(part -> part(part, readersCountry)).toList();
        boolean rawFile = reader.role() == Role.SECRETARIAT
                || readersCountry.map(submission::belongsOnlyTo).orElse(false);
        boolean delimitedText =
                report.path("encoding").isTextual() && report.path("delimiter").isTextual();
        return new Receipt(
                submission.submissionId(),
                submission.fileName(),
                submission.sourceKind(),
                Optional.ofNullable(submission.country()),
                countries,
                Optional.ofNullable(submission.cycle()),
                submission.submittedBy(),
                instant(submission.submittedAt()),
                submission.sha256(),
                seen.policy().settingName(),
                outcome,
                detection(report),
                rows(report),
                report.path("errors").asLong(),
                report.path("warnings").asLong(),
                issueGroups(report, seen.onlyCountry().isPresent(), english),
                parts,
                seen.onlyCountry(),
                seen.otherParts(),
                seen.otherIssues(),
                rawFile,
                rawFile && delimitedText);
    }

    private static Part part(SubmissionPart part, Optional<String> readersCountry) {
        boolean own = readersCountry.map(part.country()::equals).orElse(false);
        PartState state = part.state();
        return new Part(
                part.country(),
                state,
                part.publishedIn(),
                part.decision(),
                part.decision().flatMap(decision -> instant(decision.decidedAt())),
                own && (state == PartState.PENDING_APPROVAL || state == PartState.WITHDRAWN),
                own && (state == PartState.APPROVED || state == PartState.PUBLISHED));
    }

    private static Optional<Detection> detection(JsonNode report) {
        if (!report.path("encoding").isTextual() || !report.path("delimiter").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new Detection(
                report.path("encoding").asText(),
                report.path("delimiter").asText(),
                report.path("decimalSeparator").asText(""),
                report.path("preambleLines").asLong(0),
                text(report.path("layout"))));
    }

    private static Optional<Rows> rows(JsonNode report) {
        if (!report.has("rowsRead")) {
            return Optional.empty();
        }
        Map<String, Long> skipped = new LinkedHashMap<>();
        report.path("rowsSkipped")
                .properties()
                .forEach(entry -> skipped.put(entry.getKey(), entry.getValue().asLong()));
        return Optional.of(new Rows(
                report.path("rowsRead").asLong(),
                report.path("rowsAccepted").asLong(),
                skipped,
                report.path("rowsInvalid").asLong()));
    }

    /**
     * The issues grouped by code, errors first. Each group counts what the report's {@code issueCounts} counts for
     * the code; when the reader sees only their country's issues, the counts are of the listed issues only (the
     * report counts the other countries' too).
     */
    static List<IssueGroup> issueGroups(JsonNode report, boolean onlyOwnIssues, boolean englishPage) {
        Map<String, List<Issue>> listed = new TreeMap<>();
        Map<String, String> severities = new TreeMap<>();
        for (JsonNode issue : report.path("issues")) {
            String code = issue.path("code").asText("UNKNOWN");
            listed.computeIfAbsent(code, key -> new ArrayList<>())
                    .add(new Issue(
                            issue.path("line").asLong(0),
                            text(issue.path("column")),
                            text(issue.path("value")),
                            issue.path("message").asText(""),
                            !englishPage && !coded(issue)));
            severities.putIfAbsent(code, issue.path("severity").asText("error"));
        }
        Map<String, Long> counted = new TreeMap<>();
        if (!onlyOwnIssues) {
            report.path("issueCounts")
                    .properties()
                    .forEach(entry ->
                            counted.put(entry.getKey(), entry.getValue().asLong()));
        }
        listed.forEach((code, issues) -> counted.merge(code, (long) issues.size(), Math::max));
        List<IssueGroup> groups = new ArrayList<>();
        counted.forEach((code, count) -> groups.add(new IssueGroup(
                code, severities.getOrDefault(code, "error"), count, listed.getOrDefault(code, List.of()))));
        groups.sort(Comparator.comparing((IssueGroup group) -> !group.severity().equals("error"))
                .thenComparing(IssueGroup::code));
        return groups;
    }

    /** Whether an issue's message was rendered from its code (the report stored one). */
    private static boolean coded(JsonNode issue) {
        return MessageCode.parse(issue.path("messageCode").asText(null)).isPresent();
    }

    private static Optional<String> text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** A time the registry wrote (ISO-8601), or empty when it does not parse (it is then shown as written). */
    static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
