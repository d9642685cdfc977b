package io.shadowscale.testkit.cli;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The range of a whole-number {@code @Option} field, checked by {@link BenchCli}: from {@link #min}
 * to {@link #max}, both included ({@code expected a whole number in [1, 256] but was 0}). On a
 * comma-separated list of whole numbers every value is checked
 * ({@code expected comma-separated whole numbers in [1, 5000] but was '0,10'}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Within {
    long min();

    long max();
}
