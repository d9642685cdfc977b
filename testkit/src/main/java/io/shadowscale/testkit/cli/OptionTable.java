package io.shadowscale.testkit.cli;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The declared options of a bench command: each has a name, a default, a parser, a validator with
 * the allowed values in words, and one line of doc. {@link #parse} checks every option at once and
 * names each bad one with its value and what is allowed.
 */
public final class OptionTable {
    /** One option. */
    public record Option<T>(
            String name,
            String defaultValue,
            String doc,
            Function<String, T> parser,
            Predicate<T> valid,
            String allowed) {}

    private final Map<String, Option<?>> options = new LinkedHashMap<>();

    public OptionTable add(Option<?> option) {
        options.put(option.name(), option);
        return this;
    }

    /** A whole number of at least {@code min}. */
    public static Option<Integer> intOption(String name, String def, String doc, int min) {
        return new Option<>(name, def, doc, Integer::parseInt, v -> v >= min, "a whole number >= " + min);
    }

    /** One of two words, taken as typed. */
    public static Option<String> choiceOption(String name, String def, String doc, String one, String other) {
        return new Option<>(name, def, doc, s -> s, s -> s.equals(one) || s.equals(other), one + " or " + other);
    }

    /** A whole number in {@code [min, max]}. */
    public static Option<Integer> intOption(String name, String def, String doc, int min, int max) {
        return new Option<>(
                name,
                def,
                doc,
                Integer::parseInt,
                v -> v >= min && v <= max,
                "a whole number in [" + min + ", " + max + "]");
    }

    /** The options in declaration order. */
    public Collection<Option<?>> all() {
        return Collections.unmodifiableCollection(options.values());
    }

    /** One line per option: its name, doc, default ({@code none} when empty) and allowed values. */
    public String help() {
        StringBuilder b = new StringBuilder();
        for (Option<?> o : options.values()) {
            b.append(String.format(
                    Locale.ROOT,
                    "  --%-18s %s (default %s; %s)%n",
                    o.name(),
                    o.doc(),
                    o.defaultValue().isEmpty() ? "none" : o.defaultValue(),
                    o.allowed()));
        }
        return b.toString();
    }

    /**
     * The parsed value of every option, its default where {@code values} has none. Every name that
     * is not an option and every value its option refuses is added to {@code problems}; the result
     * then lacks the refused options.
     */
    public Map<String, Object> parse(Map<String, String> values, List<String> problems) {
        for (String name : values.keySet()) {
            if (!options.containsKey(name)) {
                problems.add("--" + name + " is not an option (known: " + String.join(", ", options.keySet()) + ")");
            }
        }
        Map<String, Object> parsed = new HashMap<>();
        for (Option<?> o : options.values()) {
            String raw = values.getOrDefault(o.name(), o.defaultValue());
            Object v = check(o, raw);
            if (v == null) {
                problems.add("--" + o.name() + "='" + raw + "' is invalid: expected " + o.allowed());
            } else {
                parsed.put(o.name(), v);
            }
        }
        return parsed;
    }

    private static <T> T check(Option<T> o, String raw) {
        try {
            T v = o.parser().apply(raw.trim());
            return v != null && o.valid().test(v) ? v : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
