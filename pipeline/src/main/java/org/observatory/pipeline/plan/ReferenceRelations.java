package org.observatory.pipeline.plan;

import static java.util.Objects.requireNonNull;
import static org.observatory.schemas.table.ColumnType.BOOLEAN;
import static org.observatory.schemas.table.ColumnType.INTEGER;
import static org.observatory.schemas.table.ColumnType.LONG;
import static org.observatory.schemas.table.ColumnType.STRING;

import java.util.List;
import java.util.Locale;
import org.observatory.pipeline.engine.Relation;
import org.observatory.schemas.classification.CtsCategoryMapping;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.Indicator;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.record.CorrespondenceEntry;
import org.observatory.schemas.record.CorrespondenceTable;
import org.observatory.schemas.record.MatchQuality;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;

/**
 * The relations a run registers before {@link SnapshotSql} runs: the codelists as small tables, and the run's
 * submissions and approvals. The SQL joins with them; nothing of their content is written in the SQL.
 */
public final class ReferenceRelations {
    /** Match qualities from the strongest to the weakest, the order in which several codes feeding one value count. */
    public static final List<MatchQuality> BY_WEAKNESS =
            List.of(MatchQuality.FULL, MatchQuality.NARROWER, MatchQuality.BROADER, MatchQuality.PARTIAL);

    /** Source kinds from the most to the least preferred when several give the same indicator value. */
    public static final List<SourceKind> PRECEDENCE = List.of(SourceKind.NATIONAL, SourceKind.SDMX_CSV, SourceKind.CTS);

    private ReferenceRelations() {}

    /** Every relation of the codelists and the run. */
    public static List<Relation> of(Codelists codelists, List<ApprovedSubmission> submissions) {
        requireNonNull(codelists, "codelists is null");
        requireNonNull(submissions, "submissions is null");
        return List.of(
                runSubmissions(submissions),
                approvals(submissions),
                ctsCategories(codelists.ctsCategories()),
                defaultCorrespondence(codelists),
                matchQualities(),
                sourcePrecedence(),
                indicatorCoverage(codelists),
                indicatorUnits(codelists),
                nestedIndicators(codelists),
                indicatorSections(codelists));
    }

    static Relation runSubmissions(List<ApprovedSubmission> submissions) {
        Relation.Builder relation = Relation.named("run_submissions")
                .column("submission_id", STRING)
                .column("sequence", LONG)
                .column("cycle", INTEGER)
                .column("accepted_at", STRING);
        submissions.forEach(submission -> relation.row(
                submission.submissionId(), submission.sequence(), submission.cycle(), submission.acceptedAt()));
        return relation.build();
    }

    /** The countries whose part of each submission is approved (codes stripped and upper-cased). */
    static Relation approvals(List<ApprovedSubmission> submissions) {
        Relation.Builder relation =
                Relation.named("approvals").column("submission_id", STRING).column("country", STRING);
        submissions.forEach(submission -> submission.approvedCountries().stream()
                .map(country -> country.strip().toUpperCase(Locale.ROOT))
                .distinct()
                .forEach(country -> relation.row(submission.submissionId(), country)));
        return relation.build();
    }

    /** The dataUNODC category mapping keyed by {@link CtsCategoryMapping#key}. */
    static Relation ctsCategories(CtsCategoryMapping mapping) {
        Relation.Builder relation = Relation.named("cts_categories")
                .column("cts_key", STRING)
                .column("category_indicator", STRING)
                .column("category_iccs_code", STRING)
                .column("category_breakdown_type", STRING)
                .column("category_breakdown", STRING);
        mapping.all()
                .forEach(category -> relation.row(
                        CtsCategoryMapping.key(category.indicator(), category.dimension(), category.category()),
                        category.indicatorCode().orElse(null),
                        category.iccsCode().orElse(null),
                        category.breakdownType(),
                        category.breakdown()));
        return relation.build();
    }

    /** The correspondence tables shipped for the deployment's member states. */
    static Relation defaultCorrespondence(Codelists codelists) {
        Relation.Builder relation = Relation.named("default_correspondence")
                .column("country", STRING)
                .column("national_code", STRING)
                .column("national_label", STRING)
                .column("iccs_code", STRING)
                .column("match_quality", STRING)
                .column("note", STRING);
        codelists.members().all().stream()
                .map(MemberState::iso3)
                .flatMap(country -> CorrespondenceTable.loadDefault(country, codelists.iccs()).stream())
                .flatMap(table -> table.entries().stream())
                .forEach((CorrespondenceEntry entry) -> relation.row(
                        entry.country(),
                        entry.nationalCode(),
                        entry.nationalLabel(),
                        entry.iccsCode(),
                        entry.matchQuality().code(),
                        entry.note()));
        return relation.build();
    }

    /** Each match quality's position from the strongest ({@link #BY_WEAKNESS}) and its comparability caveat. */
    static Relation matchQualities() {
        Relation.Builder relation = Relation.named("match_qualities")
                .column("match_quality", STRING)
                .column("weakness", INTEGER)
                .column("caveat", STRING);
        for (int position = 0; position < BY_WEAKNESS.size(); position++) {
            MatchQuality quality = BY_WEAKNESS.get(position);
            relation.row(quality.code(), position, quality.caveat().orElse(null));
        }
        return relation.build();
    }

    static Relation sourcePrecedence() {
        Relation.Builder relation = Relation.named("source_precedence")
                .column("source_kind", STRING)
                .column("preference", INTEGER);
        for (int position = 0; position < PRECEDENCE.size(); position++) {
            relation.row(PRECEDENCE.get(position).cliName(), position);
        }
        return relation.build();
    }

    /**
     * One row per indicator and ICCS code it covers (the code and every code below it); a code already covered
     * through a shorter code of the same indicator is left out, so that a value matches each indicator once.
     */
    static Relation indicatorCoverage(Codelists codelists) {
        Relation.Builder relation =
                Relation.named("indicator_coverage").column("indicator", STRING).column("covered_iccs_code", STRING);
        for (Indicator indicator : codelists.indicators().all()) {
            indicator.iccsCodes().stream()
                    .filter(code -> indicator.iccsCodes().stream()
                            .noneMatch(other -> !other.equals(code) && code.startsWith(other)))
                    .distinct()
                    .forEach(code -> relation.row(indicator.code(), code));
        }
        return relation.build();
    }

    static Relation indicatorUnits(Codelists codelists) {
        Relation.Builder relation = Relation.named("indicator_units")
                .column("indicator", STRING)
                .column("unit", STRING)
                .column("has_rate", BOOLEAN);
        codelists
                .indicators()
                .all()
                .forEach(indicator -> relation.row(indicator.code(), indicator.unit(), indicator.ratePer100k()));
        return relation.build();
    }

    /** Pairs of indicators of which the outer one covers every ICCS code of the inner one (transitively too). */
    static Relation nestedIndicators(Codelists codelists) {
        Relation.Builder relation = Relation.named("nested_indicators")
                .column("inner_indicator", STRING)
                .column("outer_indicator", STRING);
        List<Indicator> indicators = codelists.indicators().all();
        for (Indicator inner : indicators) {
            for (Indicator outer : indicators) {
                if (!outer.code().equals(inner.code())
                        && !inner.iccsCodes().isEmpty()
                        && inner.iccsCodes().stream().allMatch(outer::covers)) {
                    relation.row(inner.code(), outer.code());
                }
            }
        }
        return relation.build();
    }

    static Relation indicatorSections(Codelists codelists) {
        Relation.Builder relation =
                Relation.named("indicator_sections").column("indicator", STRING).column("cts_section", STRING);
        codelists
                .indicators()
                .all()
                .forEach(indicator ->
                        relation.row(indicator.code(), indicator.ctsSection().code()));
        return relation.build();
    }
}
