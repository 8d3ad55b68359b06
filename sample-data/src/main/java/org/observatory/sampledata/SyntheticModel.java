package org.observatory.sampledata;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The synthetic world the demo files are cut from: for every country of the profiles, a population per year and
 * sex, and a yearly value of every {@link Series}. Values depend only on the seed, the profile and their own key;
 * the arithmetic uses {@link StrictMath} so that every machine computes the same numbers.
 *
 * <p>A series is {@code base rate x level(year) x population / 100,000}, where the level is a mean-reverting
 * random walk with a small trend. Parts of a parent value (firearm homicides, male victims, rape, motor vehicle
 * theft, persons prosecuted and convicted) are the parent times a share that varies a little each year, so a part
 * never exceeds its parent and the justice funnel stays plausible (convicted &lt;= prosecuted &lt;= arrested).
 */
final class SyntheticModel {
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2024;

    private static final double PER_100K = 100_000.0;
    private static final double LEVEL_PERSISTENCE = 0.7;
    private static final double LEVEL_STEP = 0.1;
    private static final double MAX_TREND = 0.025;
    private static final double SHARE_NOISE = 0.06;

    private final Map<String, CountryProfile> profiles;
    private final KeyedRandom random;
    /** A cache only: looked up by key, never iterated. */
    private final Map<String, double[]> levels = new HashMap<>();

    SyntheticModel(List<CountryProfile> profiles, long seed) {
        requireNonNull(profiles, "profiles is null");
        Map<String, CountryProfile> byCode = new TreeMap<>();
        profiles.forEach(profile -> byCode.put(profile.iso3(), profile));
        this.profiles = byCode;
        this.random = new KeyedRandom(seed);
    }

    KeyedRandom random() {
        return random;
    }

    CountryProfile profile(String iso3) {
        CountryProfile profile = profiles.get(iso3);
        if (profile == null) {
            throw new IllegalArgumentException(
                    "No profile for '%s'; add a row to %s".formatted(iso3, GeneratorInputs.PROFILES));
        }
        return profile;
    }

    /** Resident population at mid-year, by sex; male and female add up to the total. */
    long population(String iso3, PopulationSex sex, int year) {
        CountryProfile profile = profile(iso3);
        requireYear(year);
        long total = Math.round(
                profile.population2000() * StrictMath.pow(1 + profile.growthPercent() / 100, year - FIRST_YEAR));
        if (sex == PopulationSex.TOTAL) {
            return total;
        }
        double maleShare = random.forKey("male-share", iso3).nextDouble(0.482, 0.502);
        long male = Math.round(total * maleShare);
        return sex == PopulationSex.MALE ? male : total - male;
    }

    /** The series value of a country in a year: a whole number, or a fractional estimate where the profile says. */
    BigDecimal value(String iso3, Series series, int year) {
        CountryProfile profile = profile(iso3);
        requireYear(year);
        return switch (series) {
            case HOMICIDE -> whole(expected(profile, series, year, profile.homicideRate()));
            case HOMICIDE_FIREARMS -> part(profile, series, year, Series.HOMICIDE, profile.firearmShare(), 0);
            case HOMICIDE_MALE -> part(profile, series, year, Series.HOMICIDE, maleVictimShare(profile), 0);
            case HOMICIDE_FEMALE ->
                value(iso3, Series.HOMICIDE, year).subtract(value(iso3, Series.HOMICIDE_MALE, year));
            case SERIOUS_ASSAULT -> whole(expected(profile, series, year, profile.seriousAssaultRate()));
            case KIDNAPPING -> whole(expected(profile, series, year, profile.kidnappingRate()));
            case SEXUAL_VIOLENCE -> whole(expected(profile, series, year, profile.sexualViolenceRate()));
            case RAPE -> part(profile, series, year, Series.SEXUAL_VIOLENCE, profile.rapeShare(), 0);
            case ROBBERY -> whole(expected(profile, series, year, profile.robberyRate()));
            case BURGLARY ->
                rounded(expected(profile, series, year, profile.burglaryRate()), profile.propertyCountDecimals());
            case THEFT ->
                rounded(expected(profile, series, year, profile.theftRate()), profile.propertyCountDecimals());
            case MOTOR_VEHICLE_THEFT ->
                part(profile, series, year, Series.THEFT, profile.vehicleTheftShare(), profile.propertyCountDecimals());
            case PERSONS_ARRESTED -> whole(expected(profile, series, year, profile.arrestedRate()));
            case PERSONS_PROSECUTED ->
                part(profile, series, year, Series.PERSONS_ARRESTED, profile.prosecutedShare(), 0);
            case PERSONS_CONVICTED ->
                part(profile, series, year, Series.PERSONS_PROSECUTED, profile.convictedShare(), 0);
            case PERSONS_HELD -> whole(expected(profile, series, year, profile.prisonRate()));
            case POLICE_PERSONNEL -> whole(expected(profile, series, year, profile.policeRate()));
        };
    }

    /** Men are most victims of homicide in the region, more so where firearms dominate. */
    private static double maleVictimShare(CountryProfile profile) {
        return 0.78 + 0.12 * profile.firearmShare();
    }

    private double expected(CountryProfile profile, Series series, int year, double baseRate) {
        return baseRate
                * level(profile.iso3(), series, year)
                * population(profile.iso3(), PopulationSex.TOTAL, year)
                / PER_100K;
    }

    private BigDecimal part(
            CountryProfile profile, Series series, int year, Series parent, double share, int decimals) {
        BigDecimal parentValue = value(profile.iso3(), parent, year);
        double noise = random.forKey("share", profile.iso3(), series, year).nextDouble(-SHARE_NOISE, SHARE_NOISE);
        double yearShare = Math.min(1.0, Math.max(0.0, share * (1 + noise)));
        // a part of a whole parent rounds to at most the parent
        return rounded(parentValue.doubleValue() * yearShare, decimals).min(parentValue);
    }

    private double level(String iso3, Series series, int year) {
        double[] yearly = levels.computeIfAbsent(iso3 + "/" + series, key -> levels(iso3, series));
        return yearly[year - FIRST_YEAR];
    }

    private double[] levels(String iso3, Series series) {
        SplittableRandom walk = random.forKey("level", iso3, series);
        double trend = walk.nextDouble(-MAX_TREND, MAX_TREND);
        double deviation = walk.nextDouble(-LEVEL_STEP, LEVEL_STEP);
        double[] yearly = new double[LAST_YEAR - FIRST_YEAR + 1];
        for (int i = 0; i < yearly.length; i++) {
            deviation = LEVEL_PERSISTENCE * deviation + walk.nextDouble(-LEVEL_STEP, LEVEL_STEP);
            yearly[i] = StrictMath.exp(deviation + trend * i);
        }
        return yearly;
    }

    private static BigDecimal whole(double value) {
        return rounded(value, 0);
    }

    private static BigDecimal rounded(double value, int decimals) {
        long scaled = Math.round(value * StrictMath.pow(10, decimals));
        return BigDecimal.valueOf(scaled, decimals);
    }

    private static void requireYear(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException(
                    "Year %d is outside the synthetic years %d-%d".formatted(year, FIRST_YEAR, LAST_YEAR));
        }
    }
}
