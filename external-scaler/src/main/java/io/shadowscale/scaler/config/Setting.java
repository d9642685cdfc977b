package io.shadowscale.scaler.config;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * One declared configuration key: its name, one line of doc, its default ({@code null} when the
 * key is required) and a parser that validates as it converts.
 *
 * @param key the key as written in the source map (metadata key, env var name)
 * @param doc one line saying what the key controls
 * @param defaultValue the value when the key is absent; {@code null} makes the key required
 * @param allowed what a valid value looks like, quoted in every problem about this key
 * @param parser converts a raw value; throws {@link IllegalArgumentException} when it is invalid
 * @param <T> the value's type
 */
public record Setting<T>(String key, String doc, T defaultValue, String allowed, Function<String, T> parser) {
    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(allowed, "allowed");
        Objects.requireNonNull(parser, "parser");
    }

    /** A key that must be present. */
    public static <T> Setting<T> required(String key, String doc, String allowed, Function<String, T> parser) {
        return new Setting<>(key, doc, null, allowed, parser);
    }

    /** A key that may be absent, then taking {@code defaultValue}. */
    public static <T> Setting<T> optional(
            String key, String doc, T defaultValue, String allowed, Function<String, T> parser) {
        return new Setting<>(key, doc, Objects.requireNonNull(defaultValue, "defaultValue"), allowed, parser);
    }

    /** An optional integer in [{@code min}, {@code max}]. */
    public static Setting<Integer> integer(String key, String doc, int defaultValue, int min, int max) {
        return optional(key, doc, defaultValue, integerIn(min, max), Parsers.intIn(min, max));
    }

    /** An optional decimal in [{@code min}, {@code max}]. */
    public static Setting<Double> decimal(String key, String doc, double defaultValue, long min, long max) {
        return optional(key, doc, defaultValue, "a decimal in [" + min + ", " + max + "]", Parsers.decimalIn(min, max));
    }

    /** An optional duration given as whole seconds in [{@code min}, {@code max}]. */
    public static Setting<Duration> seconds(String key, String doc, Duration defaultValue, int min, int max) {
        return optional(key, doc, defaultValue, integerIn(min, max), Parsers.secondsIn(min, max));
    }

    private static String integerIn(int min, int max) {
        return "an integer in [" + min + ", " + max + "]";
    }

    public boolean isRequired() {
        return defaultValue == null;
    }
}
