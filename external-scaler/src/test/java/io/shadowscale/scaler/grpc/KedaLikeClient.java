package io.shadowscale.scaler.grpc;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.shadowscale.scaler.grpc.externalscaler.GetMetricSpecResponse;
import io.shadowscale.scaler.grpc.externalscaler.GetMetricsRequest;
import io.shadowscale.scaler.grpc.externalscaler.IsActiveResponse;
import io.shadowscale.scaler.grpc.externalscaler.MetricSpec;
import io.shadowscale.scaler.grpc.externalscaler.MetricValue;
import io.shadowscale.scaler.grpc.externalscaler.ScaledObjectRef;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Calls the scaler the way KEDA does for one ScaledObject: GetMetricSpec once, then each poll
 * GetMetrics (with the spec's metric name) and IsActive; the float fields win when > 0 and
 * values of the same name are summed; StreamIsActive for external-push.
 */
final class KedaLikeClient {
    /** What one poll saw: the HPA's metric value and KEDA's activity. */
    record Poll(double value, boolean active) {}

    private final ExternalScalerContract.BlockingClient stub;
    private final Channel channel;
    private final ScaledObjectRef ref;
    private String metricName;

    KedaLikeClient(Channel channel, String namespace, String name, Map<String, String> metadata) {
        this.channel = channel;
        this.stub = new ExternalScalerContract.BlockingClient(channel);
        this.ref = ScaledObjects.ref(namespace, name, metadata);
    }

    MetricSpec metricSpec() {
        GetMetricSpecResponse spec = stub.getMetricSpec(ref);
        MetricSpec only = spec.getMetricSpecs(0);
        metricName = only.getMetricName();
        return only;
    }

    Poll poll() {
        if (metricName == null) {
            metricSpec();
        }
        double sum = 0;
        // KEDA lower-cases metric names (they become HPA metric names) and matches without case.
        for (MetricValue v : stub.getMetrics(GetMetricsRequest.newBuilder()
                        .setScaledObjectRef(ref)
                        .setMetricName(metricName.toUpperCase(Locale.ROOT))
                        .build())
                .getMetricValuesList()) {
            if (v.getMetricName().equalsIgnoreCase(metricName)) {
                sum += v.getMetricValueFloat() > 0 ? v.getMetricValueFloat() : v.getMetricValue();
            }
        }
        return new Poll(sum, stub.isActive(ref).getResult());
    }

    /**
     * An open server-streaming call: what it pushed (each response through {@code keep}), how it
     * ended, and a way to cancel it.
     */
    abstract static class OpenStream<R, T> implements ClientResponseObserver<ScaledObjectRef, R> {
        final List<T> pushed = new CopyOnWriteArrayList<>();
        volatile Status ended;
        private final Function<R, T> keep;
        private volatile ClientCallStreamObserver<ScaledObjectRef> call;

        OpenStream(Function<R, T> keep) {
            this.keep = keep;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<ScaledObjectRef> requestStream) {
            call = requestStream;
        }

        @Override
        public void onNext(R value) {
            pushed.add(keep.apply(value));
        }

        @Override
        public void onError(Throwable t) {
            ended = Status.fromThrowable(t);
        }

        @Override
        public void onCompleted() {
            ended = Status.OK;
        }

        void cancel() {
            call.cancel("KEDA stops watching", null);
        }
    }

    /** An open StreamIsActive call; it keeps each pushed activity. */
    static final class ActivityStream extends OpenStream<IsActiveResponse, Boolean> {
        ActivityStream() {
            super(IsActiveResponse::getResult);
        }
    }

    ActivityStream streamIsActive() {
        ActivityStream stream = new ActivityStream();
        ExternalScalerContract.streamIsActive(channel, ref, stream);
        return stream;
    }

    /** An open StreamMetricSpec call; it keeps each pushed response whole. */
    static final class SpecStream extends OpenStream<GetMetricSpecResponse, GetMetricSpecResponse> {
        SpecStream() {
            super(Function.identity());
        }
    }

    SpecStream streamMetricSpec() {
        SpecStream stream = new SpecStream();
        ExternalScalerContract.streamMetricSpec(channel, ref, stream);
        return stream;
    }
}
