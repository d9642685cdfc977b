package io.shadowscale.bench.jmh;

import java.util.ArrayList;
import java.util.List;
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

import com.google.common.util.concurrent.ListenableFuture;

import io.grpc.CallOptions;
import io.grpc.stub.ClientCalls;
import io.shadowscale.scaler.grpc.ExternalScalerContract;
import io.shadowscale.scaler.grpc.externalscaler.GetMetricsRequest;
import io.shadowscale.scaler.grpc.externalscaler.IsActiveResponse;

/**
 * One scaler answering KEDA for many ScaledObjects: one operation is a full poll round, i.e.
 * {@code GetMetrics} then {@code IsActive} for every ScaledObject ({@code 2 x pairs} of them),
 * over loopback netty. KEDA runs each ScaledObject's loop in its own goroutine, so the
 * {@code concurrent} mode sends all of a round's calls at once and waits for them; {@code sequential}
 * makes them one after the other (a lower bound on the round's throughput).
 * KEDA's cadence is one round per pollingInterval (30 s default) plus the HPA's every 15 s, so a
 * round well under a second leaves the scaler mostly idle.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PollRoundBenchmark {
    @Param({"50", "500"})
    public int pairs;

    @Param({"concurrent", "sequential"})
    public String mode;

    private ScalerFixture fixture;

    @Setup(Level.Trial)
    public void start() throws Exception {
        fixture = new ScalerFixture("netty", pairs);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        fixture.close();
    }

    @Benchmark
    public int pollRound() throws Exception {
        int active = 0;
        if (mode.equals("sequential")) {
            for (int i = 0; i < fixture.refs.size(); i++) {
                fixture.client.getMetrics(fixture.metricRequests.get(i));
                active += fixture.client.isActive(fixture.refs.get(i)).getResult() ? 1 : 0;
            }
            return active;
        }
        List<ListenableFuture<?>> metrics = new ArrayList<>(fixture.refs.size());
        for (GetMetricsRequest request : fixture.metricRequests) {
            metrics.add(ClientCalls.futureUnaryCall(
                    fixture.channel.newCall(ExternalScalerContract.GET_METRICS, CallOptions.DEFAULT), request));
        }
        List<ListenableFuture<IsActiveResponse>> activity =
                new ArrayList<>(fixture.refs.size());
        for (int i = 0; i < fixture.refs.size(); i++) {
            metrics.get(i).get();
            activity.add(ClientCalls.futureUnaryCall(
                    fixture.channel.newCall(ExternalScalerContract.IS_ACTIVE, CallOptions.DEFAULT),
                    fixture.refs.get(i)));
        }
        for (ListenableFuture<IsActiveResponse> f : activity) {
            active += f.get().getResult() ? 1 : 0;
        }
        return active;
    }
}
