package org.observatory.ingest.format;

import static java.util.Objects.requireNonNull;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

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

    public boolean matches(String headerCell) {
        String key = normalise(headerCell);
        return key.equals(normalise(name))
                || aliases.stream().anyMatch(alias -> normalise(alias).equals(key));
    }

    /** Lower case, accents removed, only letters and digits kept. */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text.strip(), Normalizer.Form.NFD);
        StringBuilder result = new StringBuilder(decomposed.length());
        for (int index = 0; index < decomposed.length(); index++) {
            char character = decomposed.charAt(index);
            if (Character.isLetterOrDigit(character)) {
                result.append(Character.toLowerCase(character));
            }
        }
        return result.toString().toLowerCase(Locale.ROOT);
    }
}
