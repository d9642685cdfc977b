package io.shadowscale.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.shadowscale.scaler.grpc.externalscaler.GetMetricsResponse;

/**
 * Latency of one {@code GetMetrics} call as KEDA makes it (full metadata parse, namespace and pair
 * claim checks, target lookup), over an in-process channel and a loopback netty channel, with a
 * scaler that knows {@code pairs} pairs.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GetMetricsBenchmark {
    @Param({"inprocess", "netty"})
    public String transport;

    @Param({"10", "500"})
    public int pairs;

    private ScalerFixture fixture;
    private int next;

    @Setup(Level.Trial)
    public void start() throws Exception {
        fixture = new ScalerFixture(transport, pairs);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        fixture.close();
    }

    @Benchmark
    public GetMetricsResponse getMetrics() {
        int i = next;
        next = (i + 1) % fixture.metricRequests.size();
        return fixture.client.getMetrics(fixture.metricRequests.get(i));
    }
}
