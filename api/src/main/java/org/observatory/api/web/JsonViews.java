package org.observatory.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.observatory.api.query.ChangeRecord;
import org.observatory.api.query.IndicatorCoverage;
import org.observatory.api.query.SeriesObservation;
import org.observatory.api.query.Snapshot;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.classification.IccsCategory;
import org.observatory.schemas.codelist.Indicator;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.codelist.Subregion;
import org.observatory.schemas.record.MatchQuality;
import org.observatory.schemas.text.Labels;
import org.observatory.schemas.text.Language;
import org.observatory.schemas.text.Message;

/**
 * The JSON bodies of the read routes. Every body starts with {@code notice} (only when the data is synthetic) and
 * {@code synthetic}, so synthetic demo data is labelled wherever it is shown; fields without a value are written
 * as {@code null}, never left out, so clients see every field of the contract.
 */
public final class JsonViews {
    /**
     * The label every response carries while the served snapshot holds synthetic values, in English (CSV bodies);
     * JSON bodies carry it in the answer's language ({@link ApiMessage#SYNTHETIC_NOTICE}).
     */
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

    /** The notice to show in CSV (always in English: CSV is language-free), or null when nothing is synthetic. */
    static String notice(boolean synthetic) {
        return synthetic ? SYNTHETIC_NOTICE : null;
    }

    /** The notice to show in a JSON body, in the answer's language, or null when nothing shown is synthetic. */
    static String notice(boolean synthetic, Language language) {
        return synthetic ? Message.of(ApiMessage.SYNTHETIC_NOTICE).in(language) : null;
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

    /**
     * One value of a series with the id of the snapshot it comes from and, in {@code caveatLocalised}, its match
     * quality's caveat in the answer's language ({@code caveat} is the stored English text).
     */
    public record ObservationView(
            @JsonUnwrapped SeriesObservation observation, String snapshotId, String caveatLocalised) {
        static ObservationView of(SeriesObservation observation, String snapshotId, Language language) {
            return new ObservationView(observation, snapshotId, caveat(observation, language));
        }
    }

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

    /**
     * A member state. {@code nameEn} and {@code nameEs} are kept for the clients written before the four languages
     * (deprecated); {@code name} is in the answer's language, {@code names} has every language's name by code
     * ({@code es}, {@code en}, {@code pt}, {@code fr}), and {@code nameLanguage} is present only when {@code name}
     * fell back to another language than the answer's (a deployment's member list without that language's name).
     */
    public record CountryView(
            String iso3,
            @JsonUnwrapped NameView names,
            SubregionView subregion,
            Integer firstCycle,
            Integer lastCycle) {
        static CountryView of(MemberState member, Language language) {
            return new CountryView(
                    member.iso3(),
                    NameView.of(member.names(), language),
                    SubregionView.of(member.subregion(), language),
                    member.firstCycle().isPresent() ? member.firstCycle().getAsInt() : null,
                    member.lastCycle().isPresent() ? member.lastCycle().getAsInt() : null);
        }
    }

    /** A UN M49 subregion, named like a {@link CountryView}. */
    public record SubregionView(String m49, @JsonUnwrapped NameView names) {
        static SubregionView of(Subregion subregion, Language language) {
            return new SubregionView(subregion.m49(), NameView.of(subregion.names(), language));
        }
    }

    /**
     * The names of a code, as every view writes them: {@code nameEn} and {@code nameEs} kept for the clients written
     * before the four languages (deprecated), {@code name} in the answer's language, {@code names} every language's
     * name by code ({@code es}, {@code en}, {@code pt}, {@code fr}), and {@code nameLanguage} only when {@code name}
     * fell back to another language than the answer's. All null for a code the catalogue does not know.
     */
    public record NameView(
            String nameEn,
            String nameEs,
            String name,
            Map<String, String> names,
            @JsonInclude(JsonInclude.Include.NON_NULL) String nameLanguage) {
        static final NameView NONE = new NameView(null, null, null, null, null);

        static NameView of(Labels labels, Language language) {
            Labels.Label name = labels.in(language);
            return new NameView(
                    labels.text(Language.ENGLISH),
                    labels.text(Language.SPANISH),
                    name.text(),
                    labels.byCode(),
                    fallback(name, language));
        }
    }

    /**
     * An indicator definition. {@code computesRatePer100k} says whether the platform computes a rate per 100,000
     * (count / resident population x 100,000) for its values. Names as in {@link CountryView}; {@code
     * ctsSectionName} is the CTS section's name in the answer's language. {@code definition} stays the English
     * definition (deprecated); {@code definitionLocalised} is the definition in the answer's language, {@code
     * definitions} every language's by code, and {@code definitionLanguage} is present only when {@code
     * definitionLocalised} fell back to another language.
     */
    public record IndicatorView(
            String code,
            @JsonUnwrapped NameView names,
            String ctsSection,
            String ctsSectionName,
            String definition,
            String definitionLocalised,
            Map<String, String> definitions,
            @JsonInclude(JsonInclude.Include.NON_NULL) String definitionLanguage,
            List<String> iccsCodes,
            List<IccsView> iccsCategories,
            String unit,
            boolean computesRatePer100k,
            String formula,
            List<String> sourceKinds) {
        static IndicatorView of(Indicator indicator, List<IccsCategory> categories, Language language) {
            Labels.Label definition = indicator.definitions().in(language);
            return new IndicatorView(
                    indicator.code(),
                    NameView.of(indicator.names(), language),
                    indicator.ctsSection().code(),
                    indicator.ctsSection().names().text(language),
                    indicator.definition(),
                    definition.text(),
                    indicator.definitions().byCode(),
                    fallback(definition, language),
                    indicator.iccsCodes(),
                    categories.stream()
                            .map(category -> IccsView.of(category, language))
                            .toList(),
                    indicator.unit(),
                    indicator.ratePer100k(),
                    indicator.formula(),
                    indicator.sourceKinds().stream().map(SourceKind::cliName).toList());
        }
    }

    /**
     * An ICCS category: {@code labelEn} and {@code labelEs} kept (deprecated), {@code label} in the answer's
     * language, {@code labels} by language code, {@code labelLanguage} only when {@code label} fell back.
     */
    public record IccsView(
            String code,
            int level,
            String labelEn,
            String labelEs,
            String label,
            Map<String, String> labels,
            @JsonInclude(JsonInclude.Include.NON_NULL) String labelLanguage) {
        static IccsView of(IccsCategory category, Language language) {
            Labels.Label label = category.labels().in(language);
            return new IccsView(
                    category.code(),
                    category.level(),
                    category.labelEn(),
                    category.labelEs(),
                    label.text(),
                    category.labels().byCode(),
                    fallback(label, language));
        }
    }

    /** An indicator with data for a country: its names (as in {@link CountryView}) and the years covered. */
    public record CoverageView(
            String code,
            @JsonUnwrapped NameView names,
            String unit,
            String ctsSection,
            int firstYear,
            int lastYear,
            List<Integer> years) {
        static CoverageView of(IndicatorCoverage coverage, Optional<Indicator> definition, Language language) {
            return new CoverageView(
                    coverage.indicator(),
                    definition
                            .map(indicator -> NameView.of(indicator.names(), language))
                            .orElse(NameView.NONE),
                    definition.map(Indicator::unit).orElse(null),
                    definition.map(indicator -> indicator.ctsSection().code()).orElse(null),
                    coverage.firstYear(),
                    coverage.lastYear(),
                    coverage.years());
        }
    }

    /** The language code of a label that fell back to another language than the one asked for, else null. */
    static String fallback(Labels.Label label, Language language) {
        return label.language() == language ? null : label.language().code();
    }

    /**
     * The match quality's comparability caveat in the language, from the observation's {@code matchQuality} code;
     * null for a full match or an unknown code. The stored {@code caveat} (in English, as the pipeline wrote it)
     * stays beside it.
     */
    static String caveat(SeriesObservation observation, Language language) {
        if (observation.matchQuality() == null) {
            return null;
        }
        try {
            return MatchQuality.fromCode(observation.matchQuality())
                    .caveats()
                    .map(caveats -> caveats.text(language))
                    .orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
