package org.observatory.schemas.codelist;

import static java.util.Objects.requireNonNull;

import org.observatory.schemas.classification.CtsCategoryMapping;
import org.observatory.schemas.classification.Iccs;
import org.observatory.schemas.record.ObservationStatuses;

/** Every shipped codelist, loaded and cross-checked together (indicators name ICCS codes, members name countries). */
public record Codelists(
        Iccs iccs,
        Countries countries,
        MemberList members,
        IndicatorCatalogue indicators,
        ObservationStatuses observationStatuses,
        CtsCategoryMapping ctsCategories) {
    public Codelists {
        requireNonNull(iccs, "iccs is null");
        requireNonNull(countries, "countries is null");
        requireNonNull(members, "members is null");
        requireNonNull(indicators, "indicators is null");
        requireNonNull(observationStatuses, "observationStatuses is null");
        requireNonNull(ctsCategories, "ctsCategories is null");
    }

    /** Loads the shipped codelists with the default member list (the 35 OAS member states). */
    public static Codelists load() {
        Countries countries = Countries.load();
        return withMembers(MemberList.load(countries), countries);
    }

    /** Loads the shipped codelists with a deployment's own member list. */
    public static Codelists withMembers(MemberList members, Countries countries) {
        Iccs iccs = Iccs.load();
        IndicatorCatalogue indicators = IndicatorCatalogue.load(iccs);
        return new Codelists(
                iccs,
                countries,
                members,
                indicators,
                ObservationStatuses.load(),
                CtsCategoryMapping.load(iccs, indicators));
    }
}
