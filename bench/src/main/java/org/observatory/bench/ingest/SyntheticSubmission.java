package org.observatory.bench.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.observatory.schemas.classification.CtsCategory;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.codelist.Subregion;
import org.observatory.schemas.record.CorrespondenceEntry;
import org.observatory.schemas.record.CorrespondenceTable;

/**
 * Writes a large synthetic upload, streaming (one line in memory at a time), from a fixed seed: the same seed and
 * size give the same bytes.
 *
 * <p>A {@code cts} file looks like a dataUNODC long-format export: two preamble lines, the 13 dataUNODC columns,
 * {@code "Rate per 100,000 population"} quoted, UTF-8 sources with accents, a few fractional estimates. A
 * {@code national} file follows the aggregated national template in Spanish, with each country's own offence codes
 * where schemas ships its correspondence table. The file is made of blocks, one per (age group, year), newest year
 * first; each block holds every member state (by code, mixed with 13 ISO countries outside the member list and, in
 * a cts file, 4 dataUNODC codes that are not ISO 3166-1, such as {@code GBR_EW}), so that even a small file has
 * every kind of row: about 3 % out of scope and 0.35 % unknown-country rows.
 *
 * <p>Every key appears once, and the values agree with each other the way real replies do, so ingest's whole-file
 * checks find nothing to report: male, female and unknown add up to at most the total, sub-categories ("Theft: of a
 * motorized vehicle") stay below their category, arrests above prosecutions above convictions, mechanisms below
 * their total, no year-on-year change near a factor of 2, and rates equal count / population x 100,000. Magnitudes
 * come from approximate populations and typical rates; they are not real statistics, and the first line says so.
 */
public final class SyntheticSubmission {
    static final String CTS_HEADER = "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,"
            + "Unit of measurement,VALUE,Source";
    static final String NATIONAL_HEADER =
            "country,year,offence_code,offence_label,count,sex,age_group,mechanism,flag,note";
    static final int PREAMBLE_LINES = 2;

    static final int FIRST_YEAR = 1950;
    static final int LAST_YEAR = 2024;

    /** Total, then broad, ten-year and five-year bands: the age groups of one block each. */
    private static final List<String> AGES = ages();

    /** Approximate resident population in millions (order of magnitude only; drives plausible counts). */
    private static final Map<String, Double> POPULATION_MILLIONS = Map.ofEntries(
            Map.entry("ARG", 45.8),
            Map.entry("ATG", 0.094),
            Map.entry("BHS", 0.41),
            Map.entry("BLZ", 0.41),
            Map.entry("BOL", 12.2),
            Map.entry("BRA", 216.0),
            Map.entry("BRB", 0.28),
            Map.entry("CAN", 38.9),
            Map.entry("CHL", 19.6),
            Map.entry("COL", 52.1),
            Map.entry("CRI", 5.2),
            Map.entry("CUB", 11.2),
            Map.entry("DMA", 0.073),
            Map.entry("DOM", 11.3),
            Map.entry("ECU", 18.0),
            Map.entry("GRD", 0.126),
            Map.entry("GTM", 18.1),
            Map.entry("GUY", 0.81),
            Map.entry("HND", 10.6),
            Map.entry("HTI", 11.7),
            Map.entry("JAM", 2.8),
            Map.entry("KNA", 0.048),
            Map.entry("LCA", 0.18),
            Map.entry("MEX", 128.0),
            Map.entry("NIC", 7.0),
            Map.entry("PAN", 4.5),
            Map.entry("PER", 34.4),
            Map.entry("PRY", 6.9),
            Map.entry("SLV", 6.4),
            Map.entry("SUR", 0.62),
            Map.entry("TTO", 1.53),
            Map.entry("URY", 3.4),
            Map.entry("USA", 335.0),
            Map.entry("VCT", 0.104),
            Map.entry("VEN", 28.8));

    /**
     * Typical rates per 100,000 population by indicator code (order of magnitude only). The criminal-justice stages
     * decrease from arrests to convictions, as the CTS expects.
     */
    private static final Map<String, Double> RATE_PER_100K = Map.ofEntries(
            Map.entry("intentional-homicide", 12.0),
            Map.entry("serious-assault", 150.0),
            Map.entry("kidnapping", 2.0),
            Map.entry("sexual-violence", 40.0),
            Map.entry("rape", 15.0),
            Map.entry("sexual-exploitation", 1.0),
            Map.entry("robbery", 250.0),
            Map.entry("burglary", 180.0),
            Map.entry("theft", 700.0),
            Map.entry("motor-vehicle-theft", 120.0),
            Map.entry("fraud", 150.0),
            Map.entry("corruption", 3.0),
            Map.entry("bribery", 1.0),
            Map.entry("police-personnel", 300.0),
            Map.entry("persons-arrested-suspected", 1200.0),
            Map.entry("persons-prosecuted", 500.0),
            Map.entry("persons-convicted", 250.0),
            Map.entry("persons-held-in-prison", 300.0));

    private static final List<Place> OUT_OF_SCOPE = List.of(
            new Place("ABW", "Aruba", "Americas", "Latin America and the Caribbean", 0.106, Scope.OUT_OF_SCOPE),
            new Place("AUS", "Australia", "Oceania", "Australia and New Zealand", 26.6, Scope.OUT_OF_SCOPE),
            new Place("DEU", "Germany", "Europe", "Western Europe", 84.5, Scope.OUT_OF_SCOPE),
            new Place("ESP", "Spain", "Europe", "Southern Europe", 48.4, Scope.OUT_OF_SCOPE),
            new Place("FRA", "France", "Europe", "Western Europe", 68.2, Scope.OUT_OF_SCOPE),
            new Place("GBR", "United Kingdom", "Europe", "Northern Europe", 68.3, Scope.OUT_OF_SCOPE),
            new Place("GUF", "French Guiana", "Americas", "Latin America and the Caribbean", 0.3, Scope.OUT_OF_SCOPE),
            new Place("ITA", "Italy", "Europe", "Southern Europe", 58.9, Scope.OUT_OF_SCOPE),
            new Place("JPN", "Japan", "Asia", "Eastern Asia", 124.5, Scope.OUT_OF_SCOPE),
            new Place("NLD", "Netherlands", "Europe", "Western Europe", 17.9, Scope.OUT_OF_SCOPE),
            new Place("PRI", "Puerto Rico", "Americas", "Latin America and the Caribbean", 3.2, Scope.OUT_OF_SCOPE),
            new Place("PRT", "Portugal", "Europe", "Southern Europe", 10.5, Scope.OUT_OF_SCOPE),
            new Place("ZAF", "South Africa", "Africa", "Sub-Saharan Africa", 62.0, Scope.OUT_OF_SCOPE));

    /** dataUNODC publishes the nations of the United Kingdom and Kosovo under codes that are not ISO 3166-1. */
    private static final List<Place> NOT_ISO = List.of(
            new Place("GBR_EW", "United Kingdom (England and Wales)", "Europe", "Northern Europe", 60.2, Scope.NOT_ISO),
            new Place("GBR_NI", "United Kingdom (Northern Ireland)", "Europe", "Northern Europe", 1.9, Scope.NOT_ISO),
            new Place("GBR_S", "United Kingdom (Scotland)", "Europe", "Northern Europe", 5.4, Scope.NOT_ISO),
            new Place("XKX", "Kosovo under UNSCR 1244", "Europe", "Southern Europe", 1.7, Scope.NOT_ISO));

    /** Categories (by position in the shipped mapping) that rows of out-of-scope and non-ISO places carry. */
    private static final int OUT_OF_SCOPE_CATEGORIES = 3;

    private static final int NOT_ISO_CATEGORIES = 1;

    private static final String[] CTS_SEXES = {"Total", "Male", "Female", "Unknown"};
    private static final String[] NATIONAL_SEXES = {"Total", "Hombre", "Mujer", "Sin dato"};
    private static final double UNKNOWN_SEX_SHARE = 0.02;
    private static final String[] CTS_SOURCES = {
        "CTS",
        "CTS",
        "CTS",
        "CTS",
        "Policía Nacional",
        "Instituto Nacional de Estadística y Censos",
        "Ministério da Justiça e Segurança Pública",
        "Ministerio Público (\"MP\"), Fiscalía General",
        "Statistics Canada, Uniform Crime Reporting Survey"
    };

    /** Offences of a national file for a country without a shipped correspondence table: code, label, ICCS. */
    private static final String[][] GENERIC_OFFENCES = {
        {"HOM", "Homicidio doloso", "0101"},
        {"FEM", "Femicidio", "0101"},
        {"HOM-T", "Homicidio en grado de tentativa", "0102"},
        {"LES-G", "Lesiones graves", "020111"},
        {"SEC", "Secuestro", "020221"},
        {"VIOL", "Violación", "03011"},
        {"ABS-SEX", "Abuso sexual", "0301"},
        {"ROB-VI", "Robo con violencia o intimidación", "0401"},
        {"ROB-LH", "Robo en lugar habitado", "0501"},
        {"HUR", "Hurto", "0502"},
        {"HUR-VEH", "Hurto de vehículo motorizado", "05021"},
        {"EST", "Estafa y otras defraudaciones", "0701"},
        {"EXT", "Extorsión", "0204"},
        {"COH", "Cohecho", "07031"}
    };
    /** Mechanisms of violent offences in a national file, and the share of the total each stands for. */
    private static final String[] MECHANISMS = {"Arma de fuego", "Arma blanca", "Otro medio"};

    private static final double[] MECHANISM_SHARES = {0.5, 0.3, 0.15};

    private SyntheticSubmission() {}

    /**
     * Writes {@code rows} rows to {@code file}, or, when {@code targetBytes} is positive, rows until the file holds
     * at least that many bytes. Fails before writing anything when the request exceeds the generator's key space
     * ({@link #capacity}).
     */
    public static GeneratedFile write(
            Path file, FileKind kind, long rows, long targetBytes, long seed, Codelists codelists) throws IOException {
        if (rows <= 0 && targetBytes <= 0) {
            throw new IllegalArgumentException("give a positive row count or size");
        }
        Generator generator = new Generator(kind, seed, codelists);
        long capacity = generator.capacity();
        long estimatedBytes = capacity * (kind == FileKind.CTS ? 170 : 60);
        if ((targetBytes <= 0 && rows > capacity) || targetBytes > estimatedBytes) {
            throw new IllegalArgumentException(
                    "A %s file holds at most %,d distinct rows (about %s) in this generator; ask for fewer rows or a smaller size"
                            .formatted(kind.cliName(), capacity, BenchmarkReport.mebibytes(estimatedBytes)));
        }
        long rowLimit = targetBytes > 0 ? capacity : rows;
        long byteLimit = targetBytes > 0 ? targetBytes : Long.MAX_VALUE;
        StringBuilder line = new StringBuilder(256);
        try (CountingOutputStream counted = new CountingOutputStream(Files.newOutputStream(file));
                Writer writer = new BufferedWriter(new OutputStreamWriter(counted, UTF_8), 1 << 16)) {
            String columns = kind == FileKind.CTS ? CTS_HEADER : NATIONAL_HEADER;
            String padding =
                    ",".repeat((int) columns.chars().filter(c -> c == ',').count());
            writer.write("SYNTHETIC benchmark data written by bench/ingest (seed " + seed + "); not real statistics"
                    + padding + "\r\n");
            writer.write((kind == FileKind.CTS ? "dataUNODC export layout" : "Plantilla nacional agregada") + padding
                    + "\r\n");
            writer.write(columns + "\r\n");
            while (generator.rows < rowLimit && counted.count < byteLimit) {
                line.setLength(0);
                generator.next(line);
                line.append("\r\n");
                writer.append(line);
            }
        }
        return new GeneratedFile(
                file,
                kind,
                seed,
                generator.rows,
                Files.size(file),
                generator.memberRows,
                generator.outOfScopeRows,
                generator.unknownCountryRows,
                ',',
                PREAMBLE_LINES);
    }

    /** How many distinct rows a file of {@code kind} can hold. */
    public static long capacity(FileKind kind, Codelists codelists) {
        return new Generator(kind, 0, codelists).capacity();
    }

    private static List<String> ages() {
        List<String> ages = new ArrayList<>(List.of("Total", "0-14", "15-29", "30-44", "45-59", "60+"));
        for (int start = 0; start < 100; start += 10) {
            ages.add(start + "-" + (start + 9));
        }
        for (int start = 0; start < 100; start += 5) {
            ages.add(start + "-" + (start + 4));
        }
        ages.add("100+");
        return List.copyOf(ages);
    }

    /** The share of the population an age group stands for (a flat pyramid, good enough for magnitudes). */
    private static double ageShare(String age) {
        if (age.equals("Total")) {
            return 1.0;
        }
        if (age.endsWith("+")) {
            int from = Integer.parseInt(age.substring(0, age.length() - 1));
            return Math.max(0.005, (85 - from) / 100.0);
        }
        String[] bounds = age.split("-");
        return (Integer.parseInt(bounds[1]) - Integer.parseInt(bounds[0]) + 1) / 100.0;
    }

    private enum Scope {
        MEMBER,
        OUT_OF_SCOPE,
        NOT_ISO
    }

    private record Place(
            String iso3, String name, String region, String subregion, double populationMillions, Scope scope) {}

    /**
     * One kind of value a place reports: a CTS (indicator, dimension, category), or a national offence as (code, "",
     * label) with its mechanisms.
     */
    private record Series(
            String indicator,
            String dimension,
            String category,
            double ratePer100k,
            String family,
            Optional<Integer> parent,
            double shareOfParent,
            boolean mechanisms,
            boolean integralOnly) {}

    /** The row source: walks the key space block by block, counting rows by scope. */
    private static final class Generator {
        private final FileKind kind;
        private final SplittableRandom random;
        private final List<Place> places;
        private final List<List<Series>> seriesByPlace;
        private final long seed;
        private final long rowsPerBlock;
        private final int blocks;

        private long rows;
        private long memberRows;
        private long outOfScopeRows;
        private long unknownCountryRows;

        // position in the key space
        private int block;
        private int place;
        private int series;
        private int sex;
        private int part; // CTS: 0 counts, 1 rate; national: 0 total, 1.. mechanisms

        Generator(FileKind kind, long seed, Codelists codelists) {
            this.kind = kind;
            this.seed = seed;
            this.random = new SplittableRandom(seed);
            List<Place> all = new ArrayList<>();
            for (MemberState state : codelists.members().all()) {
                all.add(new Place(
                        state.iso3(),
                        state.nameEn(),
                        "Americas",
                        state.subregion() == Subregion.NORTHERN_AMERICA
                                ? "Northern America"
                                : "Latin America and the Caribbean",
                        POPULATION_MILLIONS.getOrDefault(state.iso3(), 5.0),
                        Scope.MEMBER));
            }
            all.addAll(OUT_OF_SCOPE);
            if (kind == FileKind.CTS) {
                all.addAll(NOT_ISO); // in a national file a code that is not ISO 3166-1 is an error, not a skip
            }
            all.sort(Comparator.comparing(Place::iso3));
            this.places = List.copyOf(all);
            List<List<Series>> byPlace = new ArrayList<>();
            long perBlock = 0;
            for (Place where : places) {
                List<Series> own = kind == FileKind.CTS ? ctsSeries(codelists) : nationalSeries(where, codelists);
                int limit =
                        switch (where.scope()) {
                            case MEMBER -> own.size();
                            case OUT_OF_SCOPE -> kind == FileKind.CTS ? OUT_OF_SCOPE_CATEGORIES : 1;
                            case NOT_ISO -> NOT_ISO_CATEGORIES;
                        };
                List<Series> used = own.subList(0, Math.min(limit, own.size()));
                byPlace.add(used);
                for (Series kindOfValue : used) {
                    perBlock += (long) CTS_SEXES.length * parts(kindOfValue);
                }
            }
            this.seriesByPlace = List.copyOf(byPlace);
            this.rowsPerBlock = perBlock;
            this.blocks = AGES.size() * (LAST_YEAR - FIRST_YEAR + 1);
        }

        long capacity() {
            return rowsPerBlock * blocks;
        }

        private int parts(Series kindOfValue) {
            if (kind == FileKind.CTS) {
                return 2; // counts and rate
            }
            return kindOfValue.mechanisms() ? 1 + MECHANISMS.length : 1;
        }

        private static List<Series> ctsSeries(Codelists codelists) {
            List<CtsCategory> categories = codelists.ctsCategories().all();
            List<Series> series = new ArrayList<>();
            for (CtsCategory category : categories) {
                Optional<Integer> parent = Optional.empty();
                for (int index = 0; index < categories.size(); index++) {
                    CtsCategory candidate = categories.get(index);
                    if (candidate.indicator().equals(category.indicator())
                            && candidate.dimension().equals(category.dimension())
                            && (category.category().startsWith(candidate.category() + ": ")
                                    || category.category().startsWith(candidate.category() + " - "))) {
                        parent = Optional.of(index);
                    }
                }
                String code = category.indicatorCode().orElse("");
                String family = code.startsWith("persons-") ? "justice" : code;
                series.add(new Series(
                        category.indicator(),
                        category.dimension(),
                        category.category(),
                        RATE_PER_100K.getOrDefault(code, 20.0),
                        family,
                        parent,
                        0.3 + 0.1 * (series.size() % 5),
                        false,
                        parent.isPresent() || family.equals("justice")));
            }
            return List.copyOf(series);
        }

        private static List<Series> nationalSeries(Place where, Codelists codelists) {
            List<String[]> offences = new ArrayList<>();
            Optional<CorrespondenceTable> table = where.scope() == Scope.MEMBER
                    ? CorrespondenceTable.loadDefault(where.iso3(), codelists.iccs())
                    : Optional.empty();
            if (table.isPresent()) {
                for (CorrespondenceEntry entry : table.get().entries()) {
                    offences.add(new String[] {entry.nationalCode(), entry.nationalLabel(), entry.iccsCode()});
                }
            } else {
                offences.addAll(List.of(GENERIC_OFFENCES));
            }
            List<Series> series = new ArrayList<>();
            for (String[] offence : offences) {
                String iccs = offence[2] == null ? "" : offence[2];
                boolean violent = iccs.startsWith("01") || iccs.startsWith("02") || iccs.equals("0401");
                series.add(new Series(
                        offence[0],
                        "",
                        offence[1],
                        nationalRate(iccs),
                        offence[0],
                        Optional.empty(),
                        1.0,
                        violent,
                        false));
            }
            return List.copyOf(series);
        }

        private static double nationalRate(String iccs) {
            if (iccs.startsWith("0101")) {
                return 12.0;
            } else if (iccs.startsWith("01")) {
                return 6.0;
            } else if (iccs.startsWith("0202")) {
                return 2.0;
            } else if (iccs.startsWith("02")) {
                return 150.0;
            } else if (iccs.startsWith("03")) {
                return 30.0;
            } else if (iccs.startsWith("0401")) {
                return 250.0;
            } else if (iccs.startsWith("05")) {
                return 400.0;
            }
            return 50.0;
        }

        void next(StringBuilder line) {
            if (block >= blocks) {
                throw new IllegalStateException("the key space is exhausted"); // checked in write()
            }
            Place where = places.get(place);
            List<Series> own = seriesByPlace.get(place);
            Series what = own.get(series);
            String age = AGES.get(block / (LAST_YEAR - FIRST_YEAR + 1));
            int year = LAST_YEAR - block % (LAST_YEAR - FIRST_YEAR + 1);
            rows++;
            switch (where.scope()) {
                case MEMBER -> memberRows++;
                case OUT_OF_SCOPE -> outOfScopeRows++;
                case NOT_ISO -> unknownCountryRows++;
            }
            double expected = expected(where, own, what, age, year);
            if (kind == FileKind.CTS) {
                ctsRow(where, what, age, year, expected, line);
            } else {
                nationalRow(where, what, age, year, expected, line);
            }
            advance(parts(what), own.size());
        }

        private void advance(int partsOfSeries, int seriesOfPlace) {
            if (++part < partsOfSeries) {
                return;
            }
            part = 0;
            if (++sex < CTS_SEXES.length) {
                return;
            }
            sex = 0;
            if (++series < seriesOfPlace) {
                return;
            }
            series = 0;
            if (++place < places.size()) {
                return;
            }
            place = 0;
            block++;
        }

        /**
         * The expected count of the current key before rounding: population x rate x the place's level for the
         * series x a smooth trend over the years x the age group's share x the sex's share (x the mechanism's
         * share). Parts stay below their whole because every share is below 1 and counts are rounded down.
         */
        private double expected(Place where, List<Series> own, Series what, String age, int year) {
            Series base = what.parent().map(index -> own.get(index)).orElse(what);
            double level = what.family().equals("justice") ? 1.0 : 0.5 + unit(where.iso3(), base.category());
            double shareOfParent = what.parent().isPresent() ? what.shareOfParent() : 1.0;
            // one trend per place and family, shared by a category and its sub-categories (and by the justice stages)
            double trend = Math.exp(0.25 * Math.sin(0.3 * year + 6.28 * unit(where.iso3(), base.family())));
            double growth = Math.pow(1.01, year - LAST_YEAR);
            double count = where.populationMillions()
                    * growth
                    * 10.0
                    * base.ratePer100k()
                    * level
                    * shareOfParent
                    * trend
                    * ageShare(age)
                    * sexShare(where, base);
            if (kind == FileKind.NATIONAL && part > 0) {
                count *= MECHANISM_SHARES[part - 1];
            }
            return Math.min(5.0e7, count);
        }

        private double sexShare(Place where, Series base) {
            double male = 0.55 + 0.25 * unit(where.iso3(), "sex|" + base.category());
            return switch (sex) {
                case 0 -> 1.0;
                case 1 -> male;
                case 2 -> (1.0 - male - UNKNOWN_SEX_SHARE) * 0.97;
                default -> UNKNOWN_SEX_SHARE;
            };
        }

        /** A number in [0, 1) fixed by the seed and the two keys. */
        private double unit(String first, String second) {
            long hash = seed * 0x9E3779B97F4A7C15L + first.hashCode() * 31L + second.hashCode();
            return new SplittableRandom(hash).nextDouble();
        }

        private void ctsRow(Place where, Series what, String age, int year, double expected, StringBuilder line) {
            cell(line, where.iso3()).append(',');
            cell(line, where.name()).append(',');
            cell(line, where.region()).append(',');
            cell(line, where.subregion()).append(',');
            cell(line, what.indicator()).append(',');
            cell(line, what.dimension()).append(',');
            cell(line, what.category()).append(',');
            line.append(CTS_SEXES[sex]).append(',');
            line.append(age).append(',');
            line.append(year).append(',');
            double draw = random.nextDouble();
            if (part == 0) {
                line.append("Counts,");
                if (sex == 0 && !what.integralOnly() && draw < 0.02) {
                    fixed(line, expected, 11); // a published estimate, e.g. 1144.10662352425
                } else {
                    line.append((long) Math.floor(expected));
                }
            } else {
                line.append("\"Rate per 100,000 population\",");
                fixed(line, expected / (where.populationMillions() * Math.pow(1.01, year - LAST_YEAR) * 10.0), 2);
            }
            line.append(',');
            cell(line, CTS_SOURCES[random.nextInt(CTS_SOURCES.length)]);
        }

        private void nationalRow(Place where, Series what, String age, int year, double expected, StringBuilder line) {
            line.append(where.iso3()).append(',');
            line.append(year).append(',');
            cell(line, what.indicator()).append(','); // the national offence code
            cell(line, what.category()).append(','); // its national label
            line.append((long) Math.floor(expected)).append(',');
            line.append(NATIONAL_SEXES[sex]).append(',');
            line.append(age).append(',');
            cell(line, part == 0 ? "" : MECHANISMS[part - 1]).append(',');
            double draw = random.nextDouble();
            line.append(year == LAST_YEAR ? "P" : draw < 0.05 ? "E" : "").append(',');
            cell(line, draw < 0.01 ? "Incluye tentativas, según la definición nacional" : "");
        }

        /** Appends a cell, quoted (RFC 4180) when it holds the delimiter or a quote. */
        private static StringBuilder cell(StringBuilder line, String value) {
            if (value.indexOf(',') < 0 && value.indexOf('"') < 0) {
                return line.append(value);
            }
            return line.append('"').append(value.replace("\"", "\"\"")).append('"');
        }

        /** Appends a non-negative number with exactly {@code decimals} digits after a point. */
        private static void fixed(StringBuilder line, double value, int decimals) {
            long scale = 1;
            for (int digit = 0; digit < decimals; digit++) {
                scale *= 10;
            }
            long scaled = Math.round(value * scale);
            String fraction = Long.toString(scaled % scale);
            line.append(scaled / scale).append('.');
            for (int pad = fraction.length(); pad < decimals; pad++) {
                line.append('0');
            }
            line.append(fraction);
        }
    }

    /** Counts the bytes written, so that generation can stop at a target size without holding the file. */
    private static final class CountingOutputStream extends FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int value) throws IOException {
            out.write(value);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }
    }
}
