package io.shadowscale.testkit.cli;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values a {@code String} {@code @Option} field takes, as typed, checked by {@link BenchCli}
 * ({@code expected one of [all, 1] but was '0'}). On a comma-separated list, at least one value and
 * each one of them, white space around a value ignored
 * ({@code expected comma-separated names from [java, node] but was 'java,go'}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface OneOf {
    String[] value();
}
