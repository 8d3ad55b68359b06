package org.observatory.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
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

    private static void printText(PrintWriter out, List<LabelFinding> findings) {
        int codelistWidth = width(findings.stream().map(LabelFinding::codelist).toList(), "codelist");
        int codeWidth = width(findings.stream().map(LabelFinding::code).toList(), "code");
        String line = "%-" + codelistWidth + "s  %-" + codeWidth + "s  %-8s  %-11s  %s%n";
        out.printf(line, "codelist", "code", "language", "status", "label");
        for (LabelFinding finding : findings) {
            out.printf(
                    line,
                    finding.codelist(),
                    finding.code(),
                    finding.language().code(),
                    status(finding),
                    finding.text().orElse("(none: shown in English)"));
        }
        Map<String, Long> byStatus = findings.stream()
                .collect(Collectors.groupingBy(LabelsCommand::status, TreeMap::new, Collectors.counting()));
        out.printf(
                "%d label(s)%s. Sources: %s (--format csv lists them).%n",
                findings.size(),
                byStatus.isEmpty()
                        ? ""
                        : byStatus.entrySet().stream()
                                .map(entry -> entry.getValue() + " " + entry.getKey())
                                .collect(Collectors.joining(", ", ": ", "")),
                LabelSources.RESOURCE);
    }

    private static int width(List<String> values, String header) {
        return Math.max(
                header.length(), values.stream().mapToInt(String::length).max().orElse(0));
    }
}
