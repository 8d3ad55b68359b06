package org.observatory.sampledata;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Stream;

/**
 * The states whose replies a synthetic CTS cycle carries: the responding member states and the non-member
 * territories whose rows dataUNODC exports alongside them. Both lists are kept sorted by code.
 */
record CycleResponse(int cycle, List<String> memberStates, List<String> nonMemberTerritories) {
    CycleResponse {
        requireNonNull(memberStates, "memberStates is null");
        requireNonNull(nonMemberTerritories, "nonMemberTerritories is null");
        memberStates = memberStates.stream().sorted().toList();
        nonMemberTerritories = nonMemberTerritories.stream().sorted().toList();
    }

    /** The reference year the cycle reports: the year before the cycle. */
    int referenceYear() {
        return cycle - 1;
    }

    /** Every country with rows in the cycle's export, ordered by code as dataUNODC orders them. */
    List<String> countriesInExport() {
        return Stream.concat(memberStates.stream(), nonMemberTerritories.stream())
                .sorted()
                .toList();
    }
}
