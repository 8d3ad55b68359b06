package org.observatory.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.observatory.api.query.ChangeRecord;
import org.observatory.api.query.IndicatorCoverage;
import org.observatory.api.query.SeriesObservation;
import org.observatory.api.query.Snapshot;
import org.observatory.schemas.classification.IccsCategory;
import org.observatory.schemas.codelist.Indicator;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.codelist.Subregion;

/**
 * The JSON bodies of the read routes. Every body starts with {@code notice} (only when the data is synthetic) and
 * {@code synthetic}, so synthetic demo data is labelled wherever it is shown; fields without a value are written
 * as {@code null}, never left out, so clients see every field of the contract.
 */
public final class JsonViews {
    /** The label every response carries while the served snapshot holds synthetic values. */
    public static final String SYNTHETIC_NOTICE = "SYNTHETIC DEMO DATA - not real crime statistics. These values were"
            + " generated to demonstrate the platform; do not cite, publish or analyse them as data about any country.";

    private static final ObjectMapper MAPPER = objectMapper();

    private JsonViews() {}

    /** The object mapper of the app: records as objects, nulls written out. */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper();
    }

    /** The view as UTF-8 JSON bytes. */
    static byte[] bytes(Object view) {
        try {
            return MAPPER.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + view.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The notice to show, or null when nothing shown is synthetic. */
    static String notice(boolean synthetic) {
        return synthetic ? SYNTHETIC_NOTICE : null;
    }

    static boolean synthetic(Optional<Snapshot> snapshot) {
        return snapshot.map(Snapshot::containsSyntheticData).orElse(false);
    }

    static String snapshotId(Optional<Snapshot> snapshot) {
        return snapshot.map(Snapshot::id).orElse(null);
    }

    /** {@code GET /health}. */
    public record Health(
            @JsonInclude(JsonInclude.Include.NON_NULL) String notice,
            boolean synthetic,
            String status,
            String snapshotId) {}

    /** {@code GET /api/v1/countries}: member states ordered by code. */
    public record CountryList(
            @JsonInclude(JsonInclude.Include.NON_NULL) String notice,
            boolean synthetic,
            String snapshotId,
            List<CountryView> countries) {}

    /** {@code GET /api/v1/countries/{iso3}}. */
    public record CountryDetail(
            @JsonInclude(JsonInclude.Include.NON_NULL) String notice,
            boolean synthetic,
            String snapshotId,
            CountryView country) {}

    /** {@code GET /api/v1/indicators}: the catalogue in its own order (by CTS section, then offence). */
    public record IndicatorList(
            @JsonInclude(JsonInclude.Include.NON_NULL) String notice,
            boolean synthetic,
            String snapshotId,
            List<IndicatorView> indicators) {}

    /** {@code GET /api/v1/indicators/{code}}. */
    public record IndicatorDetail(
            @JsonInclude(JsonInclude.Include.NON_NULL) String notice,
            boolean synthetic,
            String snapshotId,
            IndicatorView indicator) {}

    /** {@code GET /api/v1/countries/{iso3}/indicators}: indicators with data, ordered by code. */
    public record CountryIndicators(
            @JsonInclude(JsonInclude.Include.NON_NULL) String notice,
            boolean synthetic,
            String snapshotId,
            CountryView country,
            List<CoverageView> indicators) {}

    /** {@code GET /api/v1/countries/{iso3}/indicators/{code}}: one series, ordered by year then disaggregation. */
    public record Series(
            @JsonInclude(JsonInclude.Include.NON_NULL) String notice,
            boolean synthetic,
            String snapshotId,
            CountryView country,
            IndicatorView indicator,
            SeriesFilters filters,
            List<ObservationView> observations) {}

    /** One value of a series with the id of the snapshot it comes from. */
    public record ObservationView(@JsonUnwrapped SeriesObservation observation, String snapshotId) {}

    /** {@code GET /api/v1/snapshots}: the published vintages in the order of publication, the current one last. */
    public record SnapshotList(
            @JsonInclude(JsonInclude.Include.NON_NULL) String notice,
            boolean synthetic,
            String currentSnapshotId,
            List<SnapshotView> snapshots) {}

    /** One published vintage. */
    public record SnapshotView(
            String snapshotId,
            String publishedAt,
            String createdAt,
            boolean current,
            String previousSnapshotId,
            boolean containsSyntheticData,
            java.util.Map<String, Long> rowCounts,
            String download) {}

    /**
     * {@code GET /api/v1/snapshots/{id}/changes}: what the snapshot revised, added and withdrew against the previous
     * one ({@code previousSnapshotId}, null for the first), how many of each among the rows given, and the rows by
     * country code, indicator, year and disaggregation.
     */
    public record Changes(
            @JsonInclude(JsonInclude.Include.NON_NULL) String notice,
            boolean synthetic,
            String snapshotId,
            String previousSnapshotId,
            ChangeFilters filters,
            ChangeCounts counts,
            List<ChangeRecord> changes) {}

    /** The selection a list of changes answers: a country and an indicator, null where not filtered. */
    public record ChangeFilters(String country, String indicator) {}

    /** How many values were revised, added and withdrawn. */
    public record ChangeCounts(long revised, long added, long withdrawn) {}

    /** The selection a series answers; {@code all} where a dimension is not filtered, null years where unbounded. */
    public record SeriesFilters(Integer from, Integer to, String sex, String age, String breakdown) {}

    public record CountryView(
            String iso3, String nameEn, String nameEs, SubregionView subregion, Integer firstCycle, Integer lastCycle) {
        static CountryView of(MemberState member) {
            return new CountryView(
                    member.iso3(),
                    member.nameEn(),
                    member.nameEs(),
                    SubregionView.of(member.subregion()),
                    member.firstCycle().isPresent() ? member.firstCycle().getAsInt() : null,
                    member.lastCycle().isPresent() ? member.lastCycle().getAsInt() : null);
        }
    }

    public record SubregionView(String m49, String nameEn, String nameEs) {
        static SubregionView of(Subregion subregion) {
            return new SubregionView(subregion.m49(), subregion.nameEn(), subregion.nameEs());
        }
    }

    /**
     * An indicator definition. {@code computesRatePer100k} says whether the platform computes a rate per 100,000
     * (count / resident population x 100,000) for its values.
     */
    public record IndicatorView(
            String code,
            String nameEn,
            String nameEs,
            String ctsSection,
            String definition,
            List<String> iccsCodes,
            List<IccsView> iccsCategories,
            String unit,
            boolean computesRatePer100k,
            String formula,
            List<String> sourceKinds) {
        static IndicatorView of(Indicator indicator, List<IccsCategory> categories) {
            return new IndicatorView(
                    indicator.code(),
                    indicator.nameEn(),
                    indicator.nameEs(),
                    indicator.ctsSection().code(),
                    indicator.definition(),
                    indicator.iccsCodes(),
                    categories.stream().map(IccsView::of).toList(),
                    indicator.unit(),
                    indicator.ratePer100k(),
                    indicator.formula(),
                    indicator.sourceKinds().stream().map(SourceKind::cliName).toList());
        }
    }

    public record IccsView(String code, int level, String labelEn, String labelEs) {
        static IccsView of(IccsCategory category) {
            return new IccsView(category.code(), category.level(), category.labelEn(), category.labelEs());
        }
    }

    /** An indicator with data for a country: its names and the years covered. */
    public record CoverageView(
            String code,
            String nameEn,
            String nameEs,
            String unit,
            String ctsSection,
            int firstYear,
            int lastYear,
            List<Integer> years) {
        static CoverageView of(IndicatorCoverage coverage, Optional<Indicator> definition) {
            return new CoverageView(
                    coverage.indicator(),
                    definition.map(Indicator::nameEn).orElse(null),
                    definition.map(Indicator::nameEs).orElse(null),
                    definition.map(Indicator::unit).orElse(null),
                    definition.map(indicator -> indicator.ctsSection().code()).orElse(null),
                    coverage.firstYear(),
                    coverage.lastYear(),
                    coverage.years());
        }
    }
}
