package io.shadowscale.testkit.cli;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The range of a {@code double} {@code @Option} field, checked by {@link BenchCli}: above
 * {@link #value} ({@code expected a number > 0 but was 0}) and, when {@link #below} is set, below that
 * too ({@code expected a number in (0, 1) but was 1.5}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Above {
    double value();

    /** The bound the value stays below; none by default. */
    double below() default Double.POSITIVE_INFINITY;
}
