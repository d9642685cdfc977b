package io.shadowscale.worker;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One declared configuration key: its name, default, one line of doc and a parser that turns the
 * raw value into a typed one or into the reason it is not allowed.
 *
 * @param name the environment variable
 * @param defaultValue what an unset key means ({@code null}: required); may name another variable
 * @param doc one line for {@code --help} and docs/operations/worker-settings.md
 * @param parser raw value to value, or {@link Parsed#problem(String)} naming what is allowed
 */
record ConfigKey<T>(String name, Default defaultValue, String doc, Function<String, Parsed<T>> parser) {
    ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(parser, "parser");
    }

    /** The default of a key: a fixed value, another variable's value, or none (required). */
    record Default(Optional<String> fixed, Optional<String> fromVariable) {
        static Default required() {
            return new Default(Optional.empty(), Optional.empty());
        }

        static Default of(String value) {
            return new Default(Optional.of(value), Optional.empty());
        }

        static Default fromVariable(String variable) {
            return new Default(Optional.empty(), Optional.of(variable));
        }

        static Default optional() {
            return new Default(Optional.of(""), Optional.empty());
        }

        String describe() {
            return fromVariable
                    .map(v -> "$" + v)
                    .or(() -> fixed.map(f -> f.isEmpty() ? "(unset)" : f))
                    .orElse("(required)");
        }
    }

    /** A parsed value or the reason the raw value is refused. */
    record Parsed<T>(T value, String problem) {
        static <T> Parsed<T> ok(T value) {
            return new Parsed<>(value, null);
        }

        static <T> Parsed<T> problem(String problem) {
            return new Parsed<>(null, problem);
        }
    }

    /** The raw value from {@code env}: set and non-blank, else the default; empty if required and missing. */
    Optional<String> raw(Map<String, String> env) {
        String value = env.get(name);
        if (value != null && !value.isBlank()) {
            return Optional.of(value.trim());
        }
        if (defaultValue.fromVariable().isPresent()) {
            String other = env.get(defaultValue.fromVariable().get());
            return other == null || other.isBlank() ? Optional.empty() : Optional.of(other.trim());
        }
        return defaultValue.fixed();
    }
}
