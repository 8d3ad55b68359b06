package org.observatory.schemas.codelist;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;
import org.observatory.schemas.text.Labels;
import org.observatory.schemas.text.Language;

/**
 * A member state of the deployment: its ISO alpha-3 code, its names in the four languages, UN M49 subregion, and
 * the survey cycles in which it is a member (empty bounds mean "always"), because membership can change.
 */
public record MemberState(
        String iso3, Labels names, Subregion subregion, OptionalInt firstCycle, OptionalInt lastCycle) {
    public MemberState {
        requireNonNull(iso3, "iso3 is null");
        requireNonNull(names, "names is null");
        requireNonNull(subregion, "subregion is null");
        requireNonNull(firstCycle, "firstCycle is null");
        requireNonNull(lastCycle, "lastCycle is null");
        if (firstCycle.isPresent() && lastCycle.isPresent() && firstCycle.getAsInt() > lastCycle.getAsInt()) {
            throw new IllegalArgumentException("first_cycle %d is after last_cycle %d for %s"
                    .formatted(firstCycle.getAsInt(), lastCycle.getAsInt(), iso3));
        }
    }

    public String nameEn() {
        return names.text(Language.ENGLISH);
    }

    public String nameEs() {
        return names.text(Language.SPANISH);
    }

    public boolean isMemberIn(int cycle) {
        return (firstCycle.isEmpty() || firstCycle.getAsInt() <= cycle)
                && (lastCycle.isEmpty() || cycle <= lastCycle.getAsInt());
    }
}
