package org.observatory.schemas.codelist;

import static java.util.Comparator.comparing;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The deployment's member states. The default is the 35 OAS member states; a deployment (for instance a single
 * national observatory) may use its own file in the same format. Membership can be bounded per survey cycle.
 * Listings are ordered by code, or by subregion in its fixed order and then by code: never by a value.
 */
public final class MemberList {
    public static final String RESOURCE = "codelists/members.csv";
    private static final Set<String> COLUMNS = Set.of("iso3", "name_en", "subregion", "first_cycle", "last_cycle");
    public static final Comparator<MemberState> BY_SUBREGION_THEN_CODE =
            comparing(MemberState::subregion).thenComparing(MemberState::iso3);

    private final Map<String, MemberState> byCode;

    private MemberList(CodelistFile file, Countries countries) {
        Map<String, MemberState> members = file.toMap(row -> row.required("iso3"), row -> memberState(row, countries));
        this.byCode = Map.copyOf(members);
    }

    /** The default member list: the 35 OAS member states. */
    public static MemberList load(Countries countries) {
        return new MemberList(CodelistFile.fromResource(RESOURCE, COLUMNS), countries);
    }

    /** A deployment's own member list, in the format of {@code codelists/members.csv}. */
    public static MemberList load(Path file, Countries countries) {
        return new MemberList(CodelistFile.fromFile(file, COLUMNS), countries);
    }

    private static MemberState memberState(CodelistFile.Row row, Countries countries) {
        String iso3 = row.required("iso3");
        if (countries
                .find(iso3)
                .filter(country -> country.alpha3().equals(iso3))
                .isEmpty()) {
            throw row.invalid("'%s' is not an ISO 3166-1 alpha-3 code; use the code from codelists/countries.csv"
                    .formatted(iso3));
        }
        try {
            return new MemberState(
                    iso3,
                    row.labels("name"),
                    Subregion.fromName(row.required("subregion")),
                    optionalCycle(row, "first_cycle"),
                    optionalCycle(row, "last_cycle"));
        } catch (IllegalArgumentException e) {
            throw row.invalid(e.getMessage());
        }
    }

    private static OptionalInt optionalCycle(CodelistFile.Row row, String column) {
        return row.optional(column).isEmpty() ? OptionalInt.empty() : OptionalInt.of(row.requiredInt(column));
    }

    /** Every member state of any cycle, ordered by code. */
    public List<MemberState> all() {
        return byCode.values().stream().sorted(comparing(MemberState::iso3)).toList();
    }

    /** The member states expected to report in that survey cycle, ordered by code. */
    public List<MemberState> forCycle(int cycle) {
        return all().stream().filter(member -> member.isMemberIn(cycle)).toList();
    }

    public Optional<MemberState> find(String iso3) {
        return Optional.ofNullable(iso3 == null ? null : byCode.get(iso3.strip().toUpperCase(java.util.Locale.ROOT)));
    }

    public boolean isMember(String iso3) {
        return find(iso3).isPresent();
    }

    public int size() {
        return byCode.size();
    }
}
