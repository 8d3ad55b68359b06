package org.observatory.schemas.record;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.observatory.schemas.text.Labels;
import org.observatory.schemas.text.Language;

/**
 * How well a national offence definition matches the ICCS category it is mapped to. Anything but {@link #FULL}
 * puts a comparability caveat on every value it produces (invariant 6).
 */
public enum MatchQuality {
    /** The national definition and the ICCS category cover the same acts. */
    FULL(
            Labels.of("Correspondencia total", "Full match", "Correspondência total", "Correspondance totale"),
            Optional.empty()),
    /** The two overlap: some acts of one are not in the other. */
    PARTIAL(
            Labels.of(
                    "Correspondencia parcial", "Partial match", "Correspondência parcial", "Correspondance partielle"),
            Optional.of(
                    Labels.of(
                            "La definición nacional solo corresponde en parte a la categoría de la ICCS; los valores no son plenamente comparables con los de otros países.",
                            "The national definition only partly matches the ICCS category; values are not fully comparable with other countries.",
                            "A definição nacional corresponde apenas em parte à categoria da ICCS; os valores não são plenamente comparáveis com os de outros países.",
                            "La définition nationale ne correspond qu’en partie à la catégorie de l’ICCS\u00a0; les valeurs ne sont pas pleinement comparables avec celles d’autres pays."))),
    /** The national definition is broader than the ICCS category: values may be higher than the ICCS concept. */
    BROADER(
            Labels.of("Definición más amplia", "Broader definition", "Definição mais ampla", "Définition plus large"),
            Optional.of(
                    Labels.of(
                            "La definición nacional es más amplia que la categoría de la ICCS; los valores pueden incluir actos ajenos a ella.",
                            "The national definition is broader than the ICCS category; values may include acts outside it.",
                            "A definição nacional é mais ampla que a categoria da ICCS; os valores podem incluir atos fora dela.",
                            "La définition nationale est plus large que la catégorie de l’ICCS\u00a0; les valeurs peuvent inclure des actes qui n’en relèvent pas."))),
    /** The national definition is narrower than the ICCS category: values may be lower than the ICCS concept. */
    NARROWER(
            Labels.of(
                    "Definición más restringida",
                    "Narrower definition",
                    "Definição mais restrita",
                    "Définition plus étroite"),
            Optional.of(
                    Labels.of(
                            "La definición nacional es más restringida que la categoría de la ICCS; los valores pueden omitir actos comprendidos en ella.",
                            "The national definition is narrower than the ICCS category; values may omit acts within it.",
                            "A definição nacional é mais restrita que a categoria da ICCS; os valores podem omitir atos nela compreendidos.",
                            "La définition nationale est plus étroite que la catégorie de l’ICCS\u00a0; les valeurs peuvent omettre des actes qui en relèvent.")));

    private final Labels names;
    private final Optional<Labels> caveats;

    MatchQuality(Labels names, Optional<Labels> caveats) {
        this.names = names;
        this.caveats = caveats;
    }

    /** The match quality's names in the four languages. */
    public Labels names() {
        return names;
    }

    /** The comparability caveat in the four languages; empty for a full match. */
    public Optional<Labels> caveats() {
        return caveats;
    }

    /**
     * The English caveat, as stored with every value of this match quality (stored data never depends on the
     * reader's language; answers show {@link #caveats()} in theirs); empty for a full match.
     */
    public Optional<String> caveat() {
        return caveats.map(labels -> labels.text(Language.ENGLISH));
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MatchQuality fromCode(String code) {
        return Arrays.stream(values())
                .filter(quality -> quality.code().equalsIgnoreCase(code == null ? "" : code.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown match quality '%s'; use one of %s"
                        .formatted(
                                code,
                                Arrays.stream(values()).map(MatchQuality::code).toList())));
    }
}
