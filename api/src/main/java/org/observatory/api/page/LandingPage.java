package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.observatory.api.query.Snapshot;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.Indicator;
import org.observatory.schemas.codelist.MemberList;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.codelist.Subregion;

/**
 * The landing page {@code /}: what the observatory is, the vintage served, the member states by subregion (in
 * DESIGN's fixed order, by code inside each), the indicator catalogue, and the ways on: the response-rate report,
 * the API documentation and the vintage downloads. It lists countries, never values.
 */
public final class LandingPage {
    private final Pages pages;
    private final SnapshotRepository repository;
    private final Codelists codelists;
    private final ReportCycles reportCycles;

    public LandingPage(Pages pages, SnapshotRepository repository, Codelists codelists) {
        this.pages = requireNonNull(pages, "pages is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.codelists = requireNonNull(codelists, "codelists is null");
        this.reportCycles = new ReportCycles(repository);
    }

    /** The landing page's content. */
    public record View(
            Optional<Vintage> vintage,
            List<SubregionGroup> subregions,
            List<Indicator> indicators,
            Optional<Integer> latestCycle) {
        public View {
            requireNonNull(vintage, "vintage is null");
            subregions = List.copyOf(requireNonNull(subregions, "subregions is null"));
            indicators = List.copyOf(requireNonNull(indicators, "indicators is null"));
            requireNonNull(latestCycle, "latestCycle is null");
        }
    }

    /** The vintage served: its id and when it was published, in the page's language. */
    public record Vintage(String id, String publishedAt) {
        public Vintage {
            requireNonNull(id, "id is null");
            requireNonNull(publishedAt, "publishedAt is null");
        }
    }

    /** The members of one subregion, by code. */
    public record SubregionGroup(Subregion subregion, List<MemberState> members) {
        public SubregionGroup {
            requireNonNull(subregion, "subregion is null");
            members = List.copyOf(requireNonNull(members, "members is null"));
        }
    }

    public void show(Context ctx) {
        Localizer t = pages.localizer(ctx);
        Optional<Snapshot> snapshot = repository.current();
        Optional<Vintage> vintage = snapshot.flatMap(current -> repository.publishedSnapshots().stream()
                .filter(published -> published.snapshot().id().equals(current.id()))
                .findFirst()
                .map(published -> new Vintage(current.id(), t.dateTime(published.publishedAt()))));
        PageFrame frame = pages.frame(ctx, t, t.text("landing.title"), snapshot);
        View view = new View(
                vintage,
                subregions(codelists.members()),
                codelists.indicators().all(),
                snapshot.flatMap(this::latestCycle));
        pages.render(ctx, "landing.jte", frame, view);
    }

    /** The members grouped by subregion in DESIGN's order, each group by code. */
    static List<SubregionGroup> subregions(MemberList members) {
        List<SubregionGroup> groups = new ArrayList<>();
        for (Subregion subregion : Subregion.values()) {
            List<MemberState> inSubregion = members.all().stream()
                    .filter(member -> member.subregion() == subregion)
                    .sorted(MemberList.BY_SUBREGION_THEN_CODE)
                    .toList();
            if (!inSubregion.isEmpty()) {
                groups.add(new SubregionGroup(subregion, inSubregion));
            }
        }
        return groups;
    }

    /** The latest CTS cycle the snapshot holds replies to: the response-rate report the page links to. */
    private Optional<Integer> latestCycle(Snapshot snapshot) {
        return reportCycles.of(snapshot).stream().findFirst();
    }
}
