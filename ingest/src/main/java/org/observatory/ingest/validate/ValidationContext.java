package org.observatory.ingest.validate;

import static java.util.Objects.requireNonNull;

import java.text.Normalizer;
import java.time.Year;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.observatory.ingest.IngestMessage;
import org.observatory.ingest.format.DecimalSeparator;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.Country;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.table.ExclusionReason;
import org.observatory.schemas.table.StagedRows;
import org.observatory.schemas.text.Message;

/**
 * What row validators share: the codelists, the submission's declared country and cycle, the file's decimal
 * separator, and the report that collects every problem. The helpers report a problem and return empty, so a
 * validator goes on checking the rest of the row and the file.
 */
public final class ValidationContext {
    public static final int FIRST_YEAR = 1950;

    private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}");
    private static final java.util.regex.Pattern NOT_ALPHANUMERIC = java.util.regex.Pattern.compile("[^a-z0-9]+");
    private static final java.util.regex.Pattern EDGE_DASHES = java.util.regex.Pattern.compile("(^-|-$)");
    private static final java.util.regex.Pattern NOT_LETTER = java.util.regex.Pattern.compile("[^a-z]");

    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";
    private static final String MONTH_NAMES = "(?i)(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*";
    private static final java.util.regex.Pattern MONTH_FIRST =
            java.util.regex.Pattern.compile(MONTH_NAMES + "-(\\d{1,2})");
    private static final java.util.regex.Pattern MONTH_LAST =
            java.util.regex.Pattern.compile("(\\d{1,2})-" + MONTH_NAMES);

    private static final Map<String, String> SEX_CODES = Map.ofEntries(
            Map.entry("", StagedRows.TOTAL),
            Map.entry("t", StagedRows.TOTAL),
            Map.entry("total", StagedRows.TOTAL),
            Map.entry("m", "M"),
            Map.entry("male", "M"),
            Map.entry("males", "M"),
            Map.entry("men", "M"),
            Map.entry("h", "M"),
            Map.entry("hombre", "M"),
            Map.entry("hombres", "M"),
            Map.entry("masculino", "M"),
            Map.entry("f", "F"),
            Map.entry("female", "F"),
            Map.entry("females", "F"),
            Map.entry("women", "F"),
            Map.entry("mujer", "F"),
            Map.entry("mujeres", "F"),
            Map.entry("femenino", "F"),
            Map.entry("u", "_U"),
            Map.entry("unknown", "_U"),
            Map.entry("sindato", "_U"),
            Map.entry("desconocido", "_U"),
            Map.entry("noinformado", "_U"),
            // Spanish totals; Portuguese and French labels (Spanish and Portuguese share masculino)
            Map.entry("ambossexos", StagedRows.TOTAL),
            Map.entry("ambosossexos", StagedRows.TOTAL),
            Map.entry("homem", "M"),
            Map.entry("homens", "M"),
            Map.entry("feminino", "F"),
            Map.entry("mulher", "F"),
            Map.entry("mulheres", "F"),
            Map.entry("desconhecido", "_U"),
            Map.entry("ignorado", "_U"),
            Map.entry("naoinformado", "_U"),
            Map.entry("semdado", "_U"),
            Map.entry("ensemble", StagedRows.TOTAL),
            Map.entry("homme", "M"),
            Map.entry("hommes", "M"),
            Map.entry("masculin", "M"),
            Map.entry("femme", "F"),
            Map.entry("femmes", "F"),
            Map.entry("feminin", "F"),
            Map.entry("inconnu", "_U"),
            Map.entry("nonrenseigne", "_U"),
            Map.entry("nonprecise", "_U"));

    /** How a total of all ages is written, letters only (accents and case do not matter), in the four languages. */
    private static final java.util.Set<String> ALL_AGES = java.util.Set.of(
            "total", "todas", "todaslasedades", "todasasidades", "todos", "tousages", "touslesages", "ensemble");

    private final Codelists codelists;
    private final UnaryOperator<String> columnNames;
    private final Optional<String> declaredCountry;
    private final OptionalInt cycle;
    private final DecimalSeparator decimalSeparator;
    private final ValidationReport report;
    private final int lastYear;
    private final Map<String, String> sexCodes = new java.util.HashMap<>();
    /** A file has a few hundred distinct country codes: each is looked up once (up to this many). */
    private static final int CACHED_CODES = 4096;

    private final Map<String, Optional<ExclusionReason>> scopes = new java.util.HashMap<>();

    public ValidationContext(
            Codelists codelists,
            Optional<String> declaredCountry,
            OptionalInt cycle,
            DecimalSeparator decimalSeparator,
            ValidationReport report) {
        this(codelists, declaredCountry, cycle, decimalSeparator, report, UnaryOperator.identity());
    }

    /**
     * A context whose reports name the columns as the file's header writes them: {@code columnNames} gives, for a
     * canonical column name, the header's name of it (see {@link org.observatory.ingest.format.FileLayout#nameOf}).
     */
    public ValidationContext(
            Codelists codelists,
            Optional<String> declaredCountry,
            OptionalInt cycle,
            DecimalSeparator decimalSeparator,
            ValidationReport report,
            UnaryOperator<String> columnNames) {
        this.columnNames = requireNonNull(columnNames, "columnNames is null");
        this.codelists = requireNonNull(codelists, "codelists is null");
        this.declaredCountry = requireNonNull(declaredCountry, "declaredCountry is null");
        this.cycle = requireNonNull(cycle, "cycle is null");
        this.decimalSeparator = requireNonNull(decimalSeparator, "decimalSeparator is null");
        this.report = requireNonNull(report, "report is null");
        this.lastYear = Year.now().getValue();
    }

    /**
     * How issues name a column, given by its canonical name ({@code year}): as the file's header writes it ({@code
     * année}, {@code ano}), or the canonical name when the header has no such column.
     */
    public String column(String canonical) {
        return columnNames.apply(canonical);
    }

    public Codelists codelists() {
        return codelists;
    }

    public Optional<String> declaredCountry() {
        return declaredCountry;
    }

    public ValidationReport report() {
        return report;
    }

    /** Why a country code puts a row out of the deployment's scope, if it does. */
    public Optional<ExclusionReason> scopeOf(String iso3) {
        Optional<ExclusionReason> cached = scopes.get(iso3);
        if (cached != null) {
            return cached;
        }
        Optional<ExclusionReason> scope = lookUpScope(iso3);
        if (scopes.size() < CACHED_CODES) {
            scopes.put(iso3, scope);
        }
        return scope;
    }

    private Optional<ExclusionReason> lookUpScope(String iso3) {
        Optional<Country> country =
                codelists.countries().find(iso3).filter(found -> found.alpha3().equals(iso3));
        if (country.isEmpty()) {
            return Optional.of(ExclusionReason.UNKNOWN_COUNTRY);
        }
        boolean member = codelists
                .members()
                .find(iso3)
                .filter(state -> cycle.isEmpty() || state.isMemberIn(cycle.getAsInt()))
                .isPresent();
        return member ? Optional.empty() : Optional.of(ExclusionReason.OUT_OF_SCOPE_COUNTRY);
    }

    /**
     * Whether the row of {@code country} (an ISO alpha-3 code, as {@code written} in the column) is refused because
     * the upload declares another country: a country submits only its own data (invariant 7), whatever the input
     * kind. A refused row is an error of its line, with how to fix it, and is counted by country in the report
     * (every one, beyond the listing's cap). An upload that declares no country (the secretariat's multi-country
     * files, the command line without {@code --country}) refuses no row here.
     */
    public boolean refusesAnotherCountrysRow(long line, String column, String written, String country) {
        if (declaredCountry.isEmpty() || declaredCountry.get().equals(country)) {
            return false;
        }
        String submitter = declaredCountry.get();
        report.error(
                ErrorCode.COUNTRY_NOT_SUBMITTER,
                line,
                column,
                written,
                Message.of(
                        IngestMessage.COUNTRY_NOT_SUBMITTER,
                        "line",
                        Long.toString(line),
                        "column",
                        column,
                        "country",
                        country,
                        "submitter",
                        submitter));
        report.refusedRowOf(country);
        return true;
    }

    public OptionalInt year(long line, String column, String text) {
        if (text.isEmpty()) {
            report.error(
                    ErrorCode.VALUE_MISSING,
                    line,
                    column,
                    text,
                    Message.of(IngestMessage.YEAR_MISSING, "line", Long.toString(line), "column", column));
            return OptionalInt.empty();
        }
        int year;
        try {
            year = Integer.parseInt(text.endsWith(".0") ? text.substring(0, text.length() - 2) : text);
        } catch (NumberFormatException e) {
            report.error(
                    ErrorCode.YEAR_OUT_OF_RANGE,
                    line,
                    column,
                    text,
                    Message.of(
                            IngestMessage.YEAR_NOT_A_YEAR,
                            "line",
                            Long.toString(line),
                            "column",
                            column,
                            "value",
                            text));
            return OptionalInt.empty();
        }
        if (year < FIRST_YEAR || year > lastYear) {
            report.error(
                    ErrorCode.YEAR_OUT_OF_RANGE,
                    line,
                    column,
                    text,
                    Message.of(
                            IngestMessage.YEAR_OUT_OF_RANGE,
                            "line",
                            Long.toString(line),
                            "column",
                            column,
                            "year",
                            Integer.toString(year),
                            "first",
                            Integer.toString(FIRST_YEAR),
                            "last",
                            Integer.toString(lastYear)));
            return OptionalInt.empty();
        }
        return OptionalInt.of(year);
    }

    /** A non-negative decimal number written with the file's decimal separator. */
    public OptionalDouble count(long line, String column, String text) {
        if (text.isEmpty()) {
            report.error(
                    ErrorCode.VALUE_MISSING,
                    line,
                    column,
                    text,
                    Message.of(IngestMessage.VALUE_MISSING, "line", Long.toString(line), "column", column));
            return OptionalDouble.empty();
        }
        OptionalDouble value = decimalSeparator.parse(text);
        if (value.isEmpty()) {
            report.error(
                    ErrorCode.VALUE_NOT_A_NUMBER,
                    line,
                    column,
                    text,
                    Message.of(
                            IngestMessage.VALUE_NOT_A_NUMBER,
                            "line",
                            Long.toString(line),
                            "column",
                            column,
                            "value",
                            text,
                            "separator",
                            String.valueOf(decimalSeparator.symbol())));
            return OptionalDouble.empty();
        }
        if (value.getAsDouble() < 0) {
            report.error(
                    ErrorCode.VALUE_NEGATIVE,
                    line,
                    column,
                    text,
                    Message.of(
                            IngestMessage.VALUE_NEGATIVE,
                            "line",
                            Long.toString(line),
                            "column",
                            column,
                            "value",
                            text));
            return OptionalDouble.empty();
        }
        return value;
    }

    /** The SDMX sex code ({@code _T}, {@code M}, {@code F}, {@code _U}) of a cell. */
    public Optional<String> sex(long line, String column, String text) {
        // a file has a handful of distinct spellings: each is normalised once
        String code = sexCodes.computeIfAbsent(
                text,
                written -> written.equals("_T") || written.equals("_U")
                        ? written
                        : SEX_CODES.getOrDefault(plain(written), ""));
        code = code.isEmpty() ? null : code; // "" marks a spelling known not to be a sex code
        if (code == null) {
            report.error(
                    ErrorCode.UNKNOWN_CODE,
                    line,
                    column,
                    text,
                    Message.of(
                            IngestMessage.SEX_UNKNOWN, "line", Long.toString(line), "column", column, "value", text));
            return Optional.empty();
        }
        return Optional.of(code);
    }

    /**
     * The age group of a cell, repairing a band that a spreadsheet turned into a date ({@code Oct-17} or
     * {@code 17-Oct} was {@code 10-17}): the repaired band is returned with a footnote saying so, and a warning is
     * reported, so the correction is visible and never silent.
     */
    public AgeBand ageBand(long line, String column, String text) {
        String trimmed = text.strip();
        if (!couldBeADate(trimmed)) {
            return new AgeBand(age(trimmed), Optional.empty());
        }
        java.util.regex.Matcher monthFirst = MONTH_FIRST.matcher(trimmed);
        java.util.regex.Matcher monthLast = MONTH_LAST.matcher(trimmed);
        String repaired = null;
        if (monthFirst.matches()) {
            repaired = month(monthFirst.group(1)) + "-" + Integer.parseInt(monthFirst.group(2));
        } else if (monthLast.matches()) {
            repaired = month(monthLast.group(2)) + "-" + Integer.parseInt(monthLast.group(1));
        }
        if (repaired == null) {
            return new AgeBand(age(trimmed), Optional.empty());
        }
        report.warning(
                ErrorCode.VALUE_CORRECTED,
                line,
                column,
                trimmed,
                Message.of(
                        IngestMessage.AGE_BAND_REPAIRED,
                        "line",
                        Long.toString(line),
                        "column",
                        column,
                        "value",
                        trimmed,
                        "band",
                        repaired));
        return new AgeBand(
                repaired,
                Optional.of("Age band '%s' in the file was read as '%s' (a spreadsheet had turned it into a date)"
                        .formatted(trimmed, repaired)));
    }

    /** An age group code, and the footnote that explains a repair of it, if any. */
    public record AgeBand(String code, Optional<String> footnote) {
        public AgeBand {
            requireNonNull(code, "code is null");
            requireNonNull(footnote, "footnote is null");
        }
    }

    /** Whether a band has what a date made of it has: a '-' and a letter (of a month's name). */
    private static boolean couldBeADate(String band) {
        if (band.indexOf('-') < 0) {
            return false;
        }
        for (int index = 0; index < band.length(); index++) {
            char character = band.charAt(index);
            if ((character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z')) {
                return true;
            }
        }
        return false;
    }

    private static int month(String abbreviation) {
        return MONTHS.indexOf(abbreviation.substring(0, 3).toLowerCase(Locale.ROOT)) / 3 + 1;
    }

    /** The age group: {@code _T} for a total, otherwise the band as written (e.g. {@code 15-29}). */
    public String age(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty()
                        || trimmed.equals("_T")
                        || (Character.isLetter(trimmed.charAt(0)) && ALL_AGES.contains(plain(trimmed)))
                ? StagedRows.TOTAL
                : trimmed;
    }

    /** A stable code for a free-text category, e.g. {@code Arma de fuego} to {@code arma-de-fuego}. */
    public static String slug(String text) {
        String decomposed = MARKS.matcher(
                        Normalizer.normalize(text.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD))
                .replaceAll("");
        return EDGE_DASHES
                .matcher(NOT_ALPHANUMERIC.matcher(decomposed).replaceAll("-"))
                .replaceAll("");
    }

    private static String plain(String text) {
        return NOT_LETTER
                .matcher(Normalizer.normalize(text.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD))
                .replaceAll("");
    }
}
