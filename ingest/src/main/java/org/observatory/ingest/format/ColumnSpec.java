package org.observatory.ingest.format;

import static java.util.Objects.requireNonNull;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A column an input format knows: its canonical name, the aliases analysts' exports use for it, and whether the
 * file must have it. Names match ignoring case, accents, spaces, {@code _} and {@code -}: {@code Año},
 * {@code ANIO} and {@code anio} are the same column.
 */
public record ColumnSpec(String name, List<String> aliases, boolean required) {
    public ColumnSpec {
        requireNonNull(name, "name is null");
        aliases = List.copyOf(requireNonNull(aliases, "aliases is null"));
    }

    public static ColumnSpec required(String name, String... aliases) {
        return new ColumnSpec(name, List.of(aliases), true);
    }

    public static ColumnSpec optional(String name, String... aliases) {
        return new ColumnSpec(name, List.of(aliases), false);
    }

    /**
     * The names a header may write the column under, as reports list them: the canonical name, then the aliases in
     * every language, without the {@code ID: Name} forms of an SDMX-CSV export with labels.
     */
    public List<String> acceptedNames() {
        List<String> names = new java.util.ArrayList<>();
        names.add(name);
        aliases.stream().filter(alias -> alias.indexOf(':') < 0).forEach(names::add);
        return List.copyOf(names);
    }

    public boolean matches(String headerCell) {
        return keys().contains(normalise(headerCell));
    }

    /** The normalised forms of the name and every alias: a header cell whose {@link #normalise} is one of them. */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(normalise(name));
        for (String alias : aliases) {
            keys.add(normalise(alias));
        }
        return keys;
    }

    /** Lower case, accents removed, only letters and digits kept. */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String stripped = text.strip();
        StringBuilder result = new StringBuilder(stripped.length());
        if (isAscii(stripped)) {
            // The common case (a header of 10,000 columns is normalised cell by cell): no accents to remove.
            for (int index = 0; index < stripped.length(); index++) {
                char character = stripped.charAt(index);
                if ((character >= 'a' && character <= 'z') || (character >= '0' && character <= '9')) {
                    result.append(character);
                } else if (character >= 'A' && character <= 'Z') {
                    result.append((char) (character + ('a' - 'A')));
                }
            }
            return result.toString();
        }
        String decomposed = Normalizer.normalize(stripped, Normalizer.Form.NFD);
        for (int index = 0; index < decomposed.length(); index++) {
            char character = decomposed.charAt(index);
            if (Character.isLetterOrDigit(character)) {
                result.append(Character.toLowerCase(character));
            }
        }
        return result.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isAscii(String text) {
        for (int index = 0; index < text.length(); index++) {
            if (text.charAt(index) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
