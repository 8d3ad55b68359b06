package org.observatory.schemas.codelist;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * A member state of the deployment: its ISO alpha-3 code, English and Spanish names, UN M49 subregion, and the
 * survey cycles in which it is a member (empty bounds mean "always"), because membership can change.
 */
public record MemberState(
        String iso3, String nameEn, String nameEs, Subregion subregion, OptionalInt firstCycle, OptionalInt lastCycle) {
    public MemberState {
        requireNonNull(iso3, "iso3 is null");
        requireNonNull(nameEn, "nameEn is null");
        requireNonNull(nameEs, "nameEs is null");
        requireNonNull(subregion, "subregion is null");
        requireNonNull(firstCycle, "firstCycle is null");
        requireNonNull(lastCycle, "lastCycle is null");
        if (firstCycle.isPresent() && lastCycle.isPresent() && firstCycle.getAsInt() > lastCycle.getAsInt()) {
            throw new IllegalArgumentException("first_cycle %d is after last_cycle %d for %s"
                    .formatted(firstCycle.getAsInt(), lastCycle.getAsInt(), iso3));
        }
    }

    public boolean isMemberIn(int cycle) {
        return (firstCycle.isEmpty() || firstCycle.getAsInt() <= cycle)
                && (lastCycle.isEmpty() || cycle <= lastCycle.getAsInt());
    }
}
