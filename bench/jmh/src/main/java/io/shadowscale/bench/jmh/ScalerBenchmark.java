package io.shadowscale.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A benchmark against one running scaler: a {@link ScalerFixture} started before the trial and
 * closed after it, made by the subclass from its parameters. Iterations of 3 s (network calls
 * vary more than the in-memory paths), in microseconds.
 */
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class ScalerBenchmark extends HotPathBenchmark {
    ScalerFixture fixture;

    /** The scaler for this trial, from the subclass's parameters. */
    abstract ScalerFixture newFixture() throws Exception;

    @Setup(Level.Trial)
    public void start() throws Exception {
        fixture = newFixture();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        fixture.close();
    }
}
