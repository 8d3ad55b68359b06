package org.observatory.schemas.codelist;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.observatory.schemas.classification.IccsCategory;
import org.observatory.schemas.record.MatchQuality;
import org.observatory.schemas.record.ObservationStatus;
import org.observatory.schemas.text.Labels;
import org.observatory.schemas.text.Language;

/**
 * The labels of every shipped codelist in the four languages, held against {@code codelists/label-sources.csv}:
 * {@link #findings()} lists every (codelist, code, language) label that is missing or not official, which the
 * secretariat prints with {@code observatory labels}; {@link #problems()} lists what that file fails to cover.
 */
public final class LabelAudit {
    public static final String COUNTRIES = "countries";
    public static final String MEMBERS = "members";
    public static final String SUBREGIONS = "subregions";
    public static final String ICCS = "iccs";
    public static final String INDICATOR_NAMES = "indicators.names";
    public static final String INDICATOR_DEFINITIONS = "indicators.definitions";
    public static final String OBS_STATUS_LABELS = "obs-status.labels";
    public static final String OBS_STATUS_DESCRIPTIONS = "obs-status.descriptions";
    public static final String MATCH_QUALITY_NAMES = "match-qualities.names";
    public static final String MATCH_QUALITY_CAVEATS = "match-qualities.caveats";
    public static final String CTS_SECTIONS = "cts-sections";

    private static final Comparator<LabelFinding> ORDER = Comparator.comparing(LabelFinding::codelist)
            .thenComparing(LabelFinding::code)
            .thenComparing(LabelFinding::language);

    private final List<LabelSet> labelSets;
    private final LabelSources sources;

    public LabelAudit(List<LabelSet> labelSets, LabelSources sources) {
        this.labelSets = List.copyOf(requireNonNull(labelSets, "labelSets is null"));
        this.sources = requireNonNull(sources, "sources is null");
    }

    /** The shipped codelists (the 35 OAS member states) against the shipped label sources. */
    public static LabelAudit shipped() {
        return new LabelAudit(labelSets(Codelists.load()), LabelSources.load());
    }

    /**
     * The label sets of the codelists: countries, members, subregions, ICCS at every level, indicator names and
     * definitions, OBS_STATUS labels and descriptions, match-quality names and caveats, and CTS sections.
     */
    public static List<LabelSet> labelSets(Codelists codelists) {
        requireNonNull(codelists, "codelists is null");
        return List.of(
                set(COUNTRIES, codelists.countries().all(), Country::alpha3, Country::names),
                set(MEMBERS, codelists.members().all(), MemberState::iso3, MemberState::names),
                set(SUBREGIONS, Arrays.asList(Subregion.values()), Subregion::m49, Subregion::names),
                set(ICCS, codelists.iccs().all(), IccsCategory::code, IccsCategory::labels),
                set(INDICATOR_NAMES, codelists.indicators().all(), Indicator::code, Indicator::names),
                set(INDICATOR_DEFINITIONS, codelists.indicators().all(), Indicator::code, Indicator::definitions),
                set(
                        OBS_STATUS_LABELS,
                        codelists.observationStatuses().all(),
                        ObservationStatus::code,
                        ObservationStatus::labels),
                set(
                        OBS_STATUS_DESCRIPTIONS,
                        codelists.observationStatuses().all(),
                        ObservationStatus::code,
                        ObservationStatus::descriptions),
                set(MATCH_QUALITY_NAMES, Arrays.asList(MatchQuality.values()), MatchQuality::code, MatchQuality::names),
                set(
                        MATCH_QUALITY_CAVEATS,
                        Arrays.stream(MatchQuality.values())
                                .filter(quality -> quality.caveats().isPresent())
                                .toList(),
                        MatchQuality::code,
                        quality -> quality.caveats().orElseThrow()),
                set(CTS_SECTIONS, Arrays.asList(CtsSection.values()), CtsSection::code, CtsSection::names));
    }

    private static <T> LabelSet set(
            String codelist, Collection<T> entries, Function<T, String> code, Function<T, Labels> labels) {
        Map<String, Labels> byCode = new LinkedHashMap<>();
        entries.forEach(entry -> byCode.put(code.apply(entry), labels.apply(entry)));
        return new LabelSet(codelist, byCode);
    }

    public List<LabelSet> labelSets() {
        return labelSets;
    }

    /** Every label that is missing or not official, ordered by codelist, then code, then language. */
    public List<LabelFinding> findings() {
        List<LabelFinding> findings = new ArrayList<>();
        for (LabelSet set : labelSets) {
            set.labelsByCode().forEach((code, labels) -> {
                for (Language language : Language.all()) {
                    Optional<String> text = labels.exactly(language);
                    Optional<LabelSource> source = sources.find(set.codelist(), code, language);
                    LabelFinding finding = new LabelFinding(
                            set.codelist(),
                            code,
                            language,
                            text,
                            source.map(LabelSource::status),
                            source.map(LabelSource::source).orElse("no row in " + LabelSources.RESOURCE));
                    if (finding.missing() || finding.unofficial()) {
                        findings.add(finding);
                    }
                }
            });
        }
        findings.sort(ORDER);
        return List.copyOf(findings);
    }

    /**
     * What {@code label-sources.csv} fails to say: a codelist and language without a default row, a codelist that
     * is not shipped, an exception for a code the codelist lacks. Empty when the file covers every label.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> codesByCodelist = labelSets.stream()
                .collect(Collectors.toMap(
                        LabelSet::codelist, set -> set.labelsByCode().keySet(), (a, b) -> a, LinkedHashMap::new));
        codesByCodelist.keySet().forEach(codelist -> Language.all().forEach(language -> {
            boolean covered = sources.all().stream()
                    .anyMatch(source ->
                            source.isDefault() && source.codelist().equals(codelist) && source.language() == language);
            if (!covered) {
                problems.add("%s: no default row for codelist '%s' in language '%s'; add one saying whether those"
                                .formatted(LabelSources.RESOURCE, codelist, language.code())
                        + " labels are official (and which publication) or the project's translation");
            }
        }));
        for (LabelSource source : sources.all()) {
            Set<String> codes = codesByCodelist.get(source.codelist());
            if (codes == null) {
                problems.add("%s: codelist '%s' is not shipped; use one of %s"
                        .formatted(LabelSources.RESOURCE, source.codelist(), codesByCodelist.keySet()));
                continue;
            }
            source.codes().stream()
                    .filter(code -> !codes.contains(code))
                    .sorted()
                    .forEach(code -> problems.add("%s: codelist '%s' has no code '%s' (language '%s'); remove it"
                                    .formatted(
                                            LabelSources.RESOURCE,
                                            source.codelist(),
                                            code,
                                            source.language().code())
                            + " from the row's codes or correct it"));
        }
        return List.copyOf(problems);
    }
}
