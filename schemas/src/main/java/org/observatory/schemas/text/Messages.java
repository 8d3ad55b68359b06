package org.observatory.schemas.text;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders {@link Message}s from their bundles and checks that bundles are complete.
 *
 * <p>The text of a message is plain text with named placeholders: <code>{name}</code> is the argument, formatted for
 * the locale when it is a number or a date; <code>{name|one|other}</code> is the word <i>one</i> when the number
 * argument {@code name} takes the singular in the language ({@link Language#singular}: exactly 1, and 0 too in
 * French), else <i>other</i>. Apostrophes need no escaping (this is not
 * {@link java.text.MessageFormat}).
 *
 * <p>A missing text in a language falls back to English, then to the code itself, so a person always reads
 * something; {@link #problems} finds every such gap so a test fails on it first.
 */
public final class Messages {
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)(?:\\|([^{}|]*)\\|([^{}|]*))?}");
    private static final Map<String, Map<String, String>> BUNDLES = new ConcurrentHashMap<>();

    private Messages() {}

    static String render(Message message, Locale locale) {
        requireNonNull(locale, "locale is null");
        Language language = Language.of(locale).orElse(Language.ENGLISH);
        String text = text(message.code(), language)
                .or(() -> text(message.code(), Language.ENGLISH))
                .orElse(message.code().code());
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            Object value = message.arguments().get(matcher.group(1));
            String replacement;
            if (value == null) {
                replacement = matcher.group();
            } else if (matcher.group(2) != null) {
                replacement = singular(value, language) ? matcher.group(2) : matcher.group(3);
            } else {
                replacement = format(value, locale);
            }
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }

    /** The text of a code in a language, if its bundle has it. */
    public static java.util.Optional<String> text(MessageCode code, Language language) {
        String text = bundle(code.bundle(), language).get(code.key());
        return text == null || text.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(text);
    }

    /**
     * A value as a person reads it in the locale: numbers grouped and with the locale's decimal mark, dates long,
     * and a message put in another one (who is refused, what a route accepts) or a codelist label (a country's name)
     * in the same language.
     */
    public static String format(Object value, Locale locale) {
        if (value instanceof Message nested) {
            return nested.in(locale);
        }
        if (value instanceof Labels labels) {
            return labels.text(Language.of(locale).orElse(Language.ENGLISH));
        }
        if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof BigInteger) {
            return NumberFormat.getIntegerInstance(locale).format(value);
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            NumberFormat format = NumberFormat.getNumberInstance(locale);
            format.setMaximumFractionDigits(3);
            return format.format(value);
        }
        if (value instanceof LocalDate date) {
            return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                    .withLocale(locale)
                    .format(date);
        }
        return String.valueOf(value);
    }

    private static boolean singular(Object value, Language language) {
        return value instanceof Number number && language.singular(number.doubleValue());
    }

    /** The placeholder names of a text: <code>{column}</code> and <code>{rows|row|rows}</code> give column, rows. */
    public static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * What is wrong with the bundles of a family of codes: a code without a text in one of the four languages, a
     * language whose placeholders differ from the English text's, a text with an unbalanced brace, or a key no code
     * declares. Empty when the family is complete.
     */
    public static <E extends Enum<E> & MessageCode> List<String> problems(Class<E> codes) {
        List<String> problems = new ArrayList<>();
        Set<String> declared = new TreeSet<>();
        for (E code : codes.getEnumConstants()) {
            declared.add(code.key());
            Set<String> english =
                    text(code, Language.ENGLISH).map(Messages::placeholders).orElse(Set.of());
            for (Language language : Language.all()) {
                var text = text(code, language);
                if (text.isEmpty()) {
                    problems.add("%s has no %s text: add '%s' to %s_%s.properties"
                            .formatted(code.code(), language.code(), code.key(), code.bundle(), language.code()));
                    continue;
                }
                Set<String> names = placeholders(text.get());
                if (!names.equals(english)) {
                    problems.add("%s in %s has placeholders %s, English has %s"
                            .formatted(code.code(), language.code(), names, english));
                }
                String stripped = PLACEHOLDER.matcher(text.get()).replaceAll("");
                if (stripped.contains("{") || stripped.contains("}")) {
                    problems.add("%s in %s has a brace that is not a placeholder: %s"
                            .formatted(code.code(), language.code(), text.get()));
                }
            }
        }
        String bundle = codes.getEnumConstants()[0].bundle();
        for (Language language : Language.all()) {
            for (String key : new TreeSet<>(bundle(bundle, language).keySet())) {
                if (!declared.contains(key)) {
                    problems.add("%s_%s.properties has '%s', which no code of %s declares"
                            .formatted(bundle, language.code(), key, codes.getSimpleName()));
                }
            }
        }
        return problems;
    }

    private static Map<String, String> bundle(String baseName, Language language) {
        return BUNDLES.computeIfAbsent(baseName + "_" + language.code(), ignored -> load(baseName, language));
    }

    private static Map<String, String> load(String baseName, Language language) {
        try {
            ResourceBundle bundle = ResourceBundle.getBundle(
                    baseName,
                    Locale.forLanguageTag(language.code()),
                    Messages.class.getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            if (!bundle.getLocale().getLanguage().equals(language.code())) {
                return Map.of();
            }
            Map<String, String> texts = new java.util.HashMap<>();
            for (String key : Collections.list(bundle.getKeys())) {
                texts.put(key, bundle.getString(key));
            }
            return Map.copyOf(texts);
        } catch (MissingResourceException e) {
            return Map.of();
        }
    }
}
