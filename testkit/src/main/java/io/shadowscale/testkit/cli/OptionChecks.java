package io.shadowscale.testkit.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The range checks of a command line's options, each problem worded as picocli words its own:
 * {@code Invalid value for option '--rate': expected a whole number >= 1 but was 0}. The problems
 * of single options are reported in the order the options are declared, whichever check found them
 * (a declared range such as {@link AtLeast}, a mixin's check or the command's); a problem named by no
 * option ({@link #require(boolean, String)}) comes after them. A check that relates options
 * ({@link #relation}, called after the others) is skipped once another problem was found, since a
 * value picocli refused still holds its default.
 */
public final class OptionChecks {
    private final List<String> problems;
    private final Set<String> refused;
    private final List<String> declared;
    private final List<Found> found = new ArrayList<>();

    /**
     * Adds to {@code problems} on {@link #report()}; the options in {@code refused} (picocli's
     * problems) are not checked again. {@code declared}: the names of the options and the labels of
     * the positional parameters, in the order the command declares them.
     */
    OptionChecks(List<String> problems, Set<String> refused, List<String> declared) {
        this.problems = problems;
        this.refused = Set.copyOf(refused);
        this.declared = List.copyOf(declared);
    }

    /** {@code value} of {@code option} is at least {@code min}. */
    public OptionChecks atLeast(String option, long value, long min) {
        if (value < min) {
            invalid(option, "a whole number >= " + min, Long.toString(value));
        }
        return this;
    }

    /** {@code value} of {@code option} is within {@code [min, max]}. */
    public OptionChecks within(String option, long value, long min, long max) {
        if (value < min || value > max) {
            invalid(option, "a whole number in [" + min + ", " + max + "]", Long.toString(value));
        }
        return this;
    }

    /** {@code value} of {@code option} is above {@code low} and below {@code high}. */
    public OptionChecks between(String option, double value, double low, double high) {
        if (!(value > low && value < high)) {
            invalid(option, "a number in (" + number(low) + ", " + number(high) + ")", number(value));
        }
        return this;
    }

    /** {@code value} of {@code option} is above {@code low}. */
    public OptionChecks above(String option, double value, double low) {
        if (!(value > low)) {
            invalid(option, "a number > " + number(low), number(value));
        }
        return this;
    }

    /** {@code value} of {@code option} is at least {@code min}. */
    public OptionChecks atLeast(String option, double value, double min) {
        if (!(value >= min)) {
            invalid(option, "a number >= " + number(min), number(value));
        }
        return this;
    }

    /** Every value of the comma-separated {@code option} is within {@code [min, max]}. */
    public OptionChecks eachWithin(String option, List<Integer> values, int min, int max) {
        if (values.isEmpty() || values.stream().anyMatch(v -> v < min || v > max)) {
            invalid(option, "comma-separated whole numbers in [" + min + ", " + max + "]", joined(values));
        }
        return this;
    }

    /** {@code value} of {@code option} is one of {@code allowed}, taken as typed. */
    public OptionChecks oneOf(String option, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            invalid(option, "one of " + allowed, "'" + value + "'");
        }
        return this;
    }

    /** The comma-separated {@code option} names at least one value, each one of {@code allowed}. */
    public OptionChecks allOf(String option, List<String> values, Collection<String> allowed) {
        if (values.isEmpty() || !allowed.containsAll(values)) {
            invalid(option, "comma-separated names from " + allowed, "'" + String.join(",", values) + "'");
        }
        return this;
    }

    /**
     * {@code Invalid value for option '<option>': expected <expected> but was <was>} when
     * {@code holds} is false: a check the declared ranges cannot express (e.g. names known at run time).
     */
    public OptionChecks expect(String option, boolean holds, String expected, String was) {
        if (!holds) {
            invalid(option, expected, was);
        }
        return this;
    }

    /**
     * {@code problem} when {@code holds} is false, reported in the place of {@code arg} (an option's
     * name or a positional parameter's label).
     */
    public OptionChecks require(String arg, boolean holds, String problem) {
        if (!holds && !refused.contains(arg)) {
            found.add(new Found(rank(arg), problem));
        }
        return this;
    }

    /** {@code problem} when {@code holds} is false, after the problems of single options. */
    public OptionChecks require(boolean holds, String problem) {
        if (!holds) {
            found.add(new Found(declared.size(), problem));
        }
        return this;
    }

    /**
     * {@code problem} (naming every option it relates) when {@code holds} is false and no other
     * problem was found before.
     */
    public OptionChecks relation(boolean holds, String problem) {
        if (!holds && problems.isEmpty() && found.isEmpty()) {
            found.add(new Found(declared.size() + 1, problem));
        }
        return this;
    }

    /** Adds what the checks found to the problems, those of single options in declaration order. */
    void report() {
        found.stream()
                .sorted(Comparator.comparingInt(Found::rank))
                .map(Found::problem)
                .forEach(problems::add);
        found.clear();
    }

    private void invalid(String option, String expected, String was) {
        require(option, false, "Invalid value for option '" + option + "': expected " + expected + " but was " + was);
    }

    /** Where a problem of {@code arg} goes: its declaration's place, or after all of them if none. */
    private int rank(String arg) {
        int i = declared.indexOf(arg);
        return i < 0 ? declared.size() : i;
    }

    /** One problem and where it goes among the others. */
    private record Found(int rank, String problem) {}

    private static String joined(List<Integer> values) {
        return "'" + String.join(",", values.stream().map(String::valueOf).toList()) + "'";
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
