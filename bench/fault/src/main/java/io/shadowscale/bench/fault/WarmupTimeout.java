package io.shadowscale.bench.fault;

import io.shadowscale.testkit.cli.AtLeast;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --warmup-timeout}, the pair's {@code warmupTimeoutSeconds} in the fault and soak benches, as
 * a picocli {@code @Mixin} constructed with the command's default: at least 1 s.
 */
final class WarmupTimeout {
    @AtLeast(1)
    @Option(names = "--warmup-timeout", description = "the pair's warmupTimeoutSeconds (a walk rolls back after it)")
    private int warmupTimeout;

    /** The option with the command's default, in seconds. */
    WarmupTimeout(int byDefault) {
        warmupTimeout = byDefault;
    }

    /** How long a walk may warm up before it rolls back. */
    Duration duration() {
        return Duration.ofSeconds(warmupTimeout);
    }
}
