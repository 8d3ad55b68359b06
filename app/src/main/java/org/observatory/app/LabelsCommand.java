package org.observatory.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.observatory.schemas.codelist.LabelAudit;
import org.observatory.schemas.codelist.LabelFinding;
import org.observatory.schemas.codelist.LabelSources;
import org.observatory.schemas.codelist.LabelStatus;
import org.observatory.schemas.text.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code observatory labels}: the codelist labels the secretariat still has to provide or have checked, that is
 * every (codelist, code, language) label that is missing (shown in English instead) or not official (a common name,
 * the project's translation or its own wording), ordered by codelist, then code, then language, with the source
 * {@code codelists/label-sources.csv} gives. It reads the shipped codelists only; exit code 0.
 */
@Command(
        name = "labels",
        description = "List the codelist labels that are missing in a language or not official, with their source.",
        mixinStandardHelpOptions = true)
final class LabelsCommand implements Callable<Integer> {
    /** Which findings to list. */
    enum Only {
        missing,
        unofficial
    }

    /** How to print the list: aligned columns for people, or CSV with the sources for a spreadsheet. */
    enum LabelsFormat {
        text,
        csv
    }

    static final List<String> CSV_HEADER = List.of("codelist", "code", "language", "status", "label", "source");

    @Option(
            names = "--only",
            paramLabel = "KIND",
            description = "List only the ${COMPLETION-CANDIDATES} labels (default: both).")
    Only only;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            defaultValue = "text")
    LabelsFormat format;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<LabelFinding> findings = LabelAudit.shipped().findings().stream()
                .filter(finding -> only == null || (only == Only.missing ? finding.missing() : finding.unofficial()))
                .toList();
        PrintWriter out = spec.commandLine().getOut();
        if (format == LabelsFormat.csv) {
            printCsv(out, findings);
        } else {
            printText(out, findings);
        }
        out.flush();
        return 0;
    }

    /** The status column: {@code missing}, or the label's status from {@code label-sources.csv}. */
    static String status(LabelFinding finding) {
        if (finding.missing()) {
            return "missing";
        }
        return finding.status().map(LabelStatus::code).orElse("unknown");
    }

    private static void printCsv(PrintWriter out, List<LabelFinding> findings) {
        try {
            CSVPrinter printer = CSVFormat.RFC4180
                    .builder()
                    .setHeader(CSV_HEADER.toArray(String[]::new))
                    .setRecordSeparator('\n')
                    .get()
                    .print(out);
            for (LabelFinding finding : findings) {
                printer.printRecord(
                        finding.codelist(),
                        finding.code(),
                        finding.language().code(),
                        status(finding),
                        finding.text().orElse(""),
                        finding.source());
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void printText(PrintWriter out, List<LabelFinding> findings) {
        String codelist = CliLanguage.text(spec, CliMessage.LABELS_COLUMN_CODELIST);
        String code = CliLanguage.text(spec, CliMessage.LABELS_COLUMN_CODE);
        String language = CliLanguage.text(spec, CliMessage.LABELS_COLUMN_LANGUAGE);
        String status = CliLanguage.text(spec, CliMessage.LABELS_COLUMN_STATUS);
        String none = CliLanguage.text(spec, CliMessage.LABELS_NONE);
        int codelistWidth = width(findings.stream().map(LabelFinding::codelist).toList(), codelist);
        int codeWidth = width(findings.stream().map(LabelFinding::code).toList(), code);
        int languageWidth = Math.max(8, language.length());
        int statusWidth = Math.max(11, status.length());
        String line = "%-" + codelistWidth + "s  %-" + codeWidth + "s  %-" + languageWidth + "s  %-" + statusWidth
                + "s  %s%n";
        out.printf(line, codelist, code, language, status, CliLanguage.text(spec, CliMessage.LABELS_COLUMN_LABEL));
        for (LabelFinding finding : findings) {
            out.printf(
                    line,
                    finding.codelist(),
                    finding.code(),
                    finding.language().code(),
                    status(finding),
                    finding.text().orElse(none));
        }
        Map<String, Long> byStatus = findings.stream()
                .collect(Collectors.groupingBy(LabelsCommand::status, TreeMap::new, Collectors.counting()));
        Locale locale = CliLanguage.of(spec);
        out.println(
                byStatus.isEmpty()
                        ? CliLanguage.text(
                                spec,
                                CliMessage.LABELS_COUNT,
                                "count",
                                findings.size(),
                                "sources",
                                LabelSources.RESOURCE)
                        : CliLanguage.text(
                                spec,
                                CliMessage.LABELS_COUNT_BY_STATUS,
                                "count",
                                findings.size(),
                                "statuses",
                                byStatus.entrySet().stream()
                                        .map(entry -> Messages.format(entry.getValue(), locale) + " " + entry.getKey())
                                        .collect(Collectors.joining(", ")),
                                "sources",
                                LabelSources.RESOURCE));
    }

    private static int width(List<String> values, String header) {
        return Math.max(
                header.length(), values.stream().mapToInt(String::length).max().orElse(0));
    }
}
