package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.classification.IccsCategory;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.Indicator;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.error.Echo;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

/**
 * Resolves path values to codelist entries, failing with a 404 problem that says why: not a country code at all,
 * a real country outside the deployment's member list, or an indicator missing from the catalogue. A country code
 * reaches a query only after it has been found in the member list.
 */
public final class Lookups {
    private final Codelists codelists;

    public Lookups(Codelists codelists) {
        this.codelists = requireNonNull(codelists, "codelists is null");
    }

    public MemberState memberState(String iso3) {
        return codelists.members().find(iso3).orElseThrow(() -> {
            Message message = codelists
                    .countries()
                    .find(iso3)
                    .filter(country -> country.alpha3().equalsIgnoreCase(iso3.strip()))
                    .map(country -> Message.of(
                            ApiMessage.COUNTRY_NOT_MEMBER, "name", country.names(), "iso3", country.alpha3()))
                    .orElse(Message.of(ApiMessage.COUNTRY_UNKNOWN, "iso3", Echo.quote(iso3)));
            return new ObservatoryException(ErrorCode.NOT_FOUND, message);
        });
    }

    public Indicator indicator(String code) {
        return codelists
                .indicators()
                .find(code)
                .orElseThrow(() -> new ObservatoryException(
                        ErrorCode.NOT_FOUND, Message.of(ApiMessage.INDICATOR_UNKNOWN, "code", Echo.quote(code))));
    }

    public List<IccsCategory> iccsCategories(Indicator indicator) {
        return indicator.iccsCodes().stream()
                .map(code -> codelists.iccs().require(code))
                .toList();
    }

    public Codelists codelists() {
        return codelists;
    }
}
