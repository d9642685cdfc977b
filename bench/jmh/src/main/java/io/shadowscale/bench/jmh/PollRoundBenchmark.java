package io.shadowscale.bench.jmh;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.CallOptions;
import io.grpc.stub.ClientCalls;
import io.shadowscale.scaler.grpc.ExternalScalerContract;
import io.shadowscale.scaler.grpc.externalscaler.GetMetricsRequest;
import io.shadowscale.scaler.grpc.externalscaler.IsActiveResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

/**
 * One scaler answering KEDA for many ScaledObjects: one operation is a full poll round, i.e.
 * {@code GetMetrics} then {@code IsActive} for every ScaledObject ({@code 2 x pairs} of them),
 * over loopback netty. KEDA runs each ScaledObject's loop in its own goroutine, so the
 * {@code concurrent} mode sends all of a round's calls at once and waits for them; {@code sequential}
 * makes them one after the other (a lower bound on the round's throughput).
 * KEDA's cadence is one round per pollingInterval (30 s default) plus the HPA's every 15 s, so a
 * round well under a second leaves the scaler mostly idle.
 */
@Measurement(iterations = 3, time = 5)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PollRoundBenchmark extends ScalerBenchmark {
    @Param({"50", "500"})
    public int pairs;

    @Param({"concurrent", "sequential"})
    public String mode;

    @Override
    ScalerFixture newFixture() throws Exception {
        return new ScalerFixture("netty", pairs);
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
        List<ListenableFuture<IsActiveResponse>> activity = new ArrayList<>(fixture.refs.size());
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
