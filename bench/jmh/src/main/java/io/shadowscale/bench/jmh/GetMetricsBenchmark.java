package io.shadowscale.bench.jmh;

import io.shadowscale.scaler.grpc.externalscaler.GetMetricsResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Latency of one {@code GetMetrics} call as KEDA makes it (full metadata parse, namespace and pair
 * claim checks, target lookup), over an in-process channel and a loopback netty channel, with a
 * scaler that knows {@code pairs} pairs.
 */
public class GetMetricsBenchmark extends ScalerBenchmark {
    @Param({"inprocess", "netty"})
    public String transport;

    @Param({"10", "500"})
    public int pairs;

    private int next;

    @Override
    ScalerFixture newFixture() throws Exception {
        return new ScalerFixture(transport, pairs);
    }

    @Benchmark
    public GetMetricsResponse getMetrics() {
        int i = next;
        next = (i + 1) % fixture.metricRequests.size();
        return fixture.client.getMetrics(fixture.metricRequests.get(i));
    }
}
