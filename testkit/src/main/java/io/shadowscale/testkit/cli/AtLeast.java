package io.shadowscale.testkit.cli;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The range of an {@code @Option} field, checked by {@link BenchCli}: the value is at least {@link #value}.
 * On a whole-number field: {@code expected a whole number >= 1 but was 0}; on a {@code double}:
 * {@code expected a number >= 0 but was -1}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface AtLeast {
    double value();
}
