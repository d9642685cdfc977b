package io.shadowscale.testkit.cli;

import java.lang.reflect.Field;
import java.util.List;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks the range annotations ({@link AtLeast}, {@link Within}, {@link Above}, {@link OneOf}) of
 * every {@code @Option} field of a command, its mixins' included. Picocli has no annotation for a
 * range (its documentation suggests Bean Validation, whose messages and order are not the project's
 * wording of a problem), hence these few lines.
 */
final class DeclaredRanges {
    private DeclaredRanges() {}

    /** Adds to {@code checks} a problem for every option whose value is outside its declared range. */
    static void check(List<ArgSpec> args, OptionChecks checks) {
        for (ArgSpec arg : args) {
            if (arg instanceof OptionSpec option
                    && option.userObject() instanceof Field field
                    && option.getValue() != null) {
                check(option.longestName(), field, option.getValue(), checks);
            }
        }
    }

    private static void check(String name, Field field, Object value, OptionChecks checks) {
        AtLeast atLeast = field.getAnnotation(AtLeast.class);
        if (atLeast != null) {
            if (value instanceof Double d) {
                checks.atLeast(name, d, atLeast.value());
            } else {
                checks.atLeast(name, whole(name, value), (long) atLeast.value());
            }
        }
        Within within = field.getAnnotation(Within.class);
        if (within != null) {
            if (value instanceof List<?> list) {
                checks.eachWithin(name, wholes(name, list), (int) within.min(), (int) within.max());
            } else {
                checks.within(name, whole(name, value), within.min(), within.max());
            }
        }
        Above above = field.getAnnotation(Above.class);
        if (above != null) {
            double d = (Double) value;
            if (Double.isInfinite(above.below())) {
                checks.above(name, d, above.value());
            } else {
                checks.between(name, d, above.value(), above.below());
            }
        }
        OneOf oneOf = field.getAnnotation(OneOf.class);
        if (oneOf != null) {
            if (value instanceof List<?> list) {
                checks.allOf(name, list.stream().map(v -> ((String) v).trim()).toList(), List.of(oneOf.value()));
            } else {
                checks.oneOf(name, (String) value, List.of(oneOf.value()));
            }
        }
    }

    private static long whole(String name, Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw new IllegalStateException(name + ": a whole-number range on a value of " + value.getClass());
    }

    private static List<Integer> wholes(String name, List<?> values) {
        return values.stream()
                .map(v -> v instanceof Integer i ? i : (int) whole(name, v))
                .toList();
    }
}
