package org.observatory.api.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.observatory.api.query.SeriesObservation;
import org.observatory.api.query.SpreadsheetCells;
import org.observatory.schemas.codelist.Indicator;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.table.SnapshotTables;

/**
 * A series as CSV (RFC 4180, UTF-8, LF line ends): {@code format=csv}, one row per observation with the columns of
 * the snapshot's {@code indicators} table plus the country name, the snapshot id, and the synthetic-data notice on
 * every row where it applies (so the label survives any filtering of the rows), its text cells neutralised against
 * formula injection ({@link SpreadsheetCells}: it is for people to open in a spreadsheet); and {@code
 * format=sdmx-csv}, SDMX-CSV 1.0 with ICCS-coded dimensions (below), a machine format whose values are written as
 * they are so that it round-trips.
 *
 * <p>SDMX-CSV: {@code DATAFLOW} ({@value #DATAFLOW}), the dimensions {@code REF_AREA} (ISO 3166-1 alpha-3), {@code
 * INDICATOR}, {@code ICCS} (the indicator's ICCS code, {@code _Z} for criminal-justice indicators without one), {@code
 * SEX}, {@code AGE}, {@code BREAKDOWN_TYPE}, {@code BREAKDOWN}, {@code MEASURE} ({@code COUNT}, {@code RATE} the
 * platform's rate per 100,000, {@code REPORTED_RATE} the rate the source reported), {@code UNIT_MEASURE}, {@code FREQ}
 * ({@code A}) and {@code TIME_PERIOD}; then {@code OBS_VALUE}; then the attributes {@code OBS_STATUS}, {@code
 * CONF_STATUS}, {@code UNIT_MULT}, {@code COMMENT}, {@code SOURCE}, {@code POPULATION}, {@code POPULATION_SOURCE},
 * {@code NATIONAL_CODE}, {@code NATIONAL_LABEL}, {@code MATCH_QUALITY}, {@code CAVEAT}, {@code SUBMISSION_ID},
 * {@code SNAPSHOT_ID} and {@code SYNTHETIC}. One observation of the series gives one row per measure it has; a count
 * suppressed as confidential is written with an empty {@code OBS_VALUE} and {@code CONF_STATUS} {@code C}.
 */
final class SeriesCsv {
    static final String DATAFLOW = "OBSERVATORY:DF_CRIME_ICCS(1.0)";
    static final String CSV_TYPE = "text/csv; charset=utf-8";

    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private SeriesCsv() {}

    static byte[] csv(
            MemberState country,
            Indicator indicator,
            String snapshotId,
            List<SeriesObservation> observations,
            String notice) {
        List<String> header = List.of(
                "country",
                "country_name",
                "indicator",
                "year",
                "sex",
                "age",
                "breakdown_type",
                "breakdown",
                "count",
                "rate_per_100k",
                "population",
                "population_source",
                "reported_rate",
                "unit",
                "obs_status",
                "obs_conf",
                "footnote",
                "source",
                "source_kind",
                "national_code",
                "national_label",
                "match_quality",
                "caveat",
                "submission_id",
                "snapshot_id",
                "synthetic",
                "notice");
        return print(header, printer -> {
            for (SeriesObservation value : observations) {
                boolean synthetic = value.synthetic() || notice != null;
                printer.printRecord(
                        text(country.iso3()),
                        text(country.nameEn()),
                        text(indicator.code()),
                        value.year(),
                        text(value.sex()),
                        text(value.age()),
                        text(value.breakdownType()),
                        text(value.breakdown()),
                        number(value.count()),
                        number(value.ratePer100k()),
                        number(value.population()),
                        text(value.populationSource()),
                        number(value.reportedRate()),
                        text(value.unit()),
                        text(value.obsStatus()),
                        text(value.obsConf()),
                        text(value.footnote()),
                        text(value.source()),
                        text(value.sourceKind()),
                        text(value.nationalCode()),
                        text(value.nationalLabel()),
                        text(value.matchQuality()),
                        text(value.caveat()),
                        text(value.submissionId()),
                        text(snapshotId),
                        synthetic,
                        synthetic ? JsonViews.SYNTHETIC_NOTICE : "");
            }
        });
    }

    static byte[] sdmxCsv(
            MemberState country,
            Indicator indicator,
            String snapshotId,
            List<SeriesObservation> observations,
            boolean snapshotSynthetic) {
        List<String> header = List.of(
                "DATAFLOW",
                "REF_AREA",
                "INDICATOR",
                "ICCS",
                "SEX",
                "AGE",
                "BREAKDOWN_TYPE",
                "BREAKDOWN",
                "MEASURE",
                "UNIT_MEASURE",
                "FREQ",
                "TIME_PERIOD",
                "OBS_VALUE",
                "OBS_STATUS",
                "CONF_STATUS",
                "UNIT_MULT",
                "COMMENT",
                "SOURCE",
                "POPULATION",
                "POPULATION_SOURCE",
                "NATIONAL_CODE",
                "NATIONAL_LABEL",
                "MATCH_QUALITY",
                "CAVEAT",
                "SUBMISSION_ID",
                "SNAPSHOT_ID",
                "SYNTHETIC");
        String iccs = indicator.iccsCodes().isEmpty() ? "_Z" : String.join("+", indicator.iccsCodes());
        String countUnit = "percent".equals(indicator.unit()) ? "PT" : "NUM";
        return print(header, printer -> {
            for (SeriesObservation value : observations) {
                List<Object[]> measures = new ArrayList<>();
                boolean confidential = SnapshotTables.OBS_CONF_CONFIDENTIAL.equals(value.obsConf());
                if (value.count() != null || confidential) {
                    measures.add(new Object[] {"COUNT", countUnit, value.count()});
                }
                if (value.ratePer100k() != null) {
                    measures.add(new Object[] {"RATE", "PER_100000_POP", value.ratePer100k()});
                }
                if (value.reportedRate() != null) {
                    measures.add(new Object[] {"REPORTED_RATE", "PER_100000_POP", value.reportedRate()});
                }
                for (Object[] measure : measures) {
                    printer.printRecord(
                            DATAFLOW,
                            country.iso3(),
                            indicator.code(),
                            iccs,
                            value.sex(),
                            value.age(),
                            value.breakdownType(),
                            value.breakdown(),
                            measure[0],
                            measure[1],
                            "A",
                            value.year(),
                            number((Double) measure[2]),
                            value.obsStatus(),
                            value.obsConf(),
                            "0",
                            value.footnote(),
                            value.source(),
                            measure[0].equals("RATE") ? number(value.population()) : "",
                            measure[0].equals("RATE") ? value.populationSource() : "",
                            value.nationalCode(),
                            value.nationalLabel(),
                            value.matchQuality(),
                            value.caveat(),
                            value.submissionId(),
                            snapshotId,
                            value.synthetic() || snapshotSynthetic);
                }
            }
        });
    }

    /** A text cell of {@code format=csv}, a file for people: neutralised if it starts like a formula. */
    private static String text(String cell) {
        return SpreadsheetCells.neutralise(cell);
    }

    /** A number as plain decimal text (no exponent, no trailing {@code .0}), or empty for a missing value. */
    static String number(Double value) {
        if (value == null) {
            return "";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString(value.longValue());
        }
        return new java.math.BigDecimal(Double.toString(value)).toPlainString();
    }

    @FunctionalInterface
    private interface Rows {
        void print(CSVPrinter printer) throws IOException;
    }

    private static byte[] print(List<String> header, Rows rows) {
        StringBuilder text = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(text, FORMAT)) {
            printer.printRecord(header);
            rows.print(printer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
