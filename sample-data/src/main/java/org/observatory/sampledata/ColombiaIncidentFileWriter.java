package org.observatory.sampledata;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes the synthetic Colombian incident-level submission: one row per recorded offence, in Spanish, as a
 * Windows-1252 spreadsheet export with {@code ;} and decimal commas. To keep the file small, there is one row per
 * {@value #INCIDENT_SCALE} offences of the synthetic series, so its aggregates are about 1/{@value
 * #INCIDENT_SCALE} of the COL values in the CTS files. Departments and coordinates are synthetic: capitals'
 * approximate positions moved at random by up to 0.2 degrees.
 */
final class ColombiaIncidentFileWriter {
    static final String COUNTRY = "COL";
    static final String FILE = "national/synthetic-col-incidentes-2022-2023.csv";
    static final int FIRST_YEAR = 2022;
    static final int LAST_YEAR = 2023;
    static final int INCIDENT_SCALE = 200;
    static final List<String> HEADER = List.of(
            "id_registro",
            "fecha_hecho",
            "codigo_delito",
            "descripcion_delito",
            "sexo_victima",
            "grupo_edad",
            "arma_empleo",
            "departamento",
            "latitud",
            "longitud");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu", Locale.ROOT);
    private static final List<String> SEXES = List.of("Hombre", "Mujer", "Sin dato");
    private static final List<String> AGE_GROUPS = List.of("0-17", "18-29", "30-44", "45-59", "60+");
    private static final List<String> WEAPONS = List.of("Arma de fuego", "Arma blanca", "Sin empleo de armas");
    private static final int MAX_JITTER = 20_000; // 0.2 degrees in units of 0.00001
    private static final List<Department> DEPARTMENTS = List.of(
            new Department("Antioquia", 625184, -7556359, 13.5),
            new Department("Arauca", 708471, -7075908, 0.6),
            new Department("Atlántico", 1096854, -7478132, 5.5),
            new Department("Bogotá D.C.", 460971, -7408175, 15.5),
            new Department("Bolívar", 1039972, -7551444, 4.2),
            new Department("Boyacá", 553528, -7336778, 2.5),
            new Department("Caldas", 506889, -7551738, 2.0),
            new Department("Caquetá", 161438, -7560623, 0.8),
            new Department("Casanare", 533775, -7239586, 0.9),
            new Department("Cauca", 244480, -7661469, 3.0),
            new Department("Cesar", 1046314, -7325322, 2.6),
            new Department("Chocó", 569472, -7666111, 1.1),
            new Department("Córdoba", 874798, -7588143, 3.6),
            new Department("Cundinamarca", 502210, -7400480, 6.5),
            new Department("Huila", 292730, -7528189, 2.3),
            new Department("La Guajira", 1154444, -7290722, 1.9),
            new Department("Magdalena", 1124079, -7419904, 2.8),
            new Department("Meta", 414200, -7362664, 2.1),
            new Department("Nariño", 121361, -7728111, 3.2),
            new Department("Norte de Santander", 789391, -7250782, 3.3),
            new Department("Putumayo", 114826, -7664675, 0.7),
            new Department("Quindío", 453389, -7568111, 1.1),
            new Department("Risaralda", 481333, -7569611, 1.9),
            new Department("Santander", 711392, -7311980, 4.5),
            new Department("Sucre", 930472, -7539778, 1.9),
            new Department("Tolima", 443889, -7523222, 2.7),
            new Department("Valle del Cauca", 343722, -7652250, 9.0));

    private static final double[] DEPARTMENT_WEIGHTS =
            DEPARTMENTS.stream().mapToDouble(Department::weight).toArray();

    private final SyntheticModel model;

    ColombiaIncidentFileWriter(SyntheticModel model) {
        this.model = requireNonNull(model, "model is null");
    }

    void write(Path file, List<NationalOffence> offences) {
        List<Incident> incidents = new ArrayList<>();
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            for (NationalOffence offence : offences) {
                double count = offence.factor()
                        * model.value(COUNTRY, offence.series(), year).doubleValue();
                long rows = Math.round(count / INCIDENT_SCALE);
                SplittableRandom random = model.random().forKey("col-incidents", year, offence.code());
                for (int sequence = 0; sequence < rows; sequence++) {
                    incidents.add(incident(random, year, offence, sequence));
                }
            }
        }
        incidents.sort(Comparator.comparing(Incident::date)
                .thenComparing(incident -> incident.offence().code())
                .thenComparingInt(Incident::sequence));

        DelimitedFile export = DelimitedFile.withoutByteOrderMark(CtsExportWriter.WINDOWS_1252, ';', "\r\n")
                .record(HEADER);
        int id = 0;
        for (Incident incident : incidents) {
            id++;
            export.record(
                    "SYN-" + Numbers.zeroPadded(id, 6),
                    DATE.format(incident.date()),
                    incident.offence().code(),
                    incident.offence().label(),
                    incident.sex(),
                    incident.ageGroup(),
                    incident.weapon(),
                    incident.department().name(),
                    coordinate(incident.latitude()),
                    coordinate(incident.longitude()));
        }
        export.write(file);
    }

    private static Incident incident(SplittableRandom random, int year, NationalOffence offence, int sequence) {
        VictimPattern pattern = VictimPattern.of(offence.series());
        LocalDate date = LocalDate.ofYearDay(
                year, random.nextInt(1, LocalDate.of(year, 1, 1).lengthOfYear() + 1));
        Department department = pickWeighted(random, DEPARTMENTS, DEPARTMENT_WEIGHTS);
        return new Incident(
                date,
                offence,
                sequence,
                pickWeighted(random, SEXES, pattern.sexWeights()),
                pickWeighted(random, AGE_GROUPS, pattern.ageWeights()),
                pickWeighted(random, WEAPONS, pattern.weaponWeights()),
                department,
                department.latitude() + random.nextInt(-MAX_JITTER, MAX_JITTER + 1),
                department.longitude() + random.nextInt(-MAX_JITTER, MAX_JITTER + 1));
    }

    private static <T> T pickWeighted(SplittableRandom random, List<T> values, double[] weights) {
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double draw = random.nextDouble(total);
        for (int i = 0; i < values.size() - 1; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return values.get(i);
            }
        }
        return values.get(values.size() - 1);
    }

    /** Degrees in units of 0.00001 written with a decimal comma: {@code -7408175} is {@code -74,08175}. */
    static String coordinate(int hundredThousandths) {
        int magnitude = Math.abs(hundredThousandths);
        return (hundredThousandths < 0 ? "-" : "")
                + magnitude / 100_000
                + ","
                + Numbers.zeroPadded(magnitude % 100_000, 5);
    }

    private record Department(String name, int latitude, int longitude, double weight) {}

    private record Incident(
            LocalDate date,
            NationalOffence offence,
            int sequence,
            String sex,
            String ageGroup,
            String weapon,
            Department department,
            int latitude,
            int longitude) {}

    /** Who the victims of an offence are and which weapons are used, as shares (synthetic, plausible). */
    private enum VictimPattern {
        LETHAL(new double[] {90, 9, 1}, new double[] {6, 38, 31, 16, 9}, new double[] {72, 20, 8}),
        ASSAULT(new double[] {55, 44, 1}, new double[] {10, 36, 30, 16, 8}, new double[] {8, 32, 60}),
        KIDNAPPING(new double[] {72, 27, 1}, new double[] {12, 28, 32, 20, 8}, new double[] {40, 5, 55}),
        SEXUAL(new double[] {12, 87, 1}, new double[] {48, 30, 14, 6, 2}, new double[] {1, 5, 94}),
        ROBBERY(new double[] {60, 39, 1}, new double[] {4, 38, 32, 18, 8}, new double[] {35, 35, 30}),
        PROPERTY(new double[] {52, 43, 5}, new double[] {3, 30, 33, 22, 12}, new double[] {1, 2, 97});

        private final double[] sexWeights;
        private final double[] ageWeights;
        private final double[] weaponWeights;

        VictimPattern(double[] sexWeights, double[] ageWeights, double[] weaponWeights) {
            this.sexWeights = sexWeights;
            this.ageWeights = ageWeights;
            this.weaponWeights = weaponWeights;
        }

        double[] sexWeights() {
            return sexWeights.clone();
        }

        double[] ageWeights() {
            return ageWeights.clone();
        }

        double[] weaponWeights() {
            return weaponWeights.clone();
        }

        static VictimPattern of(Series series) {
            return switch (series) {
                case HOMICIDE, HOMICIDE_MALE, HOMICIDE_FEMALE, HOMICIDE_FIREARMS -> LETHAL;
                case SERIOUS_ASSAULT -> ASSAULT;
                case KIDNAPPING -> KIDNAPPING;
                case SEXUAL_VIOLENCE, RAPE -> SEXUAL;
                case ROBBERY -> ROBBERY;
                case BURGLARY, THEFT, MOTOR_VEHICLE_THEFT -> PROPERTY;
                case PERSONS_ARRESTED, PERSONS_PROSECUTED, PERSONS_CONVICTED, PERSONS_HELD, POLICE_PERSONNEL ->
                    throw new IllegalArgumentException(
                            "%s is not an offence series; derive national offences from an offence series"
                                    .formatted(series));
            };
        }
    }
}
