package io.shadowscale.scaler.metrics;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Counts and times the calls KEDA makes to the external scaler service, by method and gRPC status
 * code (a gRPC server interceptor; the health and reflection services are not counted). A
 * {@code StreamIsActive} call is timed over its whole stream.
 */
final class KedaCallMetrics implements ServerInterceptor {
    static final String SERVICE = "externalscaler.ExternalScaler";
    private static final double[] BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Counter calls;
    private final Histogram duration;

    KedaCallMetrics(PrometheusRegistry registry) {
        calls = Instruments.counter(
                registry,
                "shadowscale_scaler_keda_requests_total",
                "Calls of the external scaler service, by method and gRPC status code.",
                "method",
                "code");
        duration = Instruments.histogram(
                registry,
                BOUNDS,
                "shadowscale_scaler_keda_request_duration_seconds",
                "Time from a call of the external scaler service to its answer (StreamIsActive: the stream).",
                "method");
        for (String method : new String[] {"IsActive", "StreamIsActive", "GetMetricSpec", "GetMetrics"}) {
            calls.labelValues(method, Status.Code.OK.name());
            duration.labelValues(method);
        }
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!SERVICE.equals(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        String method = call.getMethodDescriptor().getBareMethodName();
        long start = System.nanoTime();
        return next.startCall(
                new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void close(Status status, Metadata trailers) {
                        calls.labelValues(method, status.getCode().name()).inc();
                        duration.labelValues(method).observe((System.nanoTime() - start) / 1e9);
                        super.close(status, trailers);
                    }
                },
                headers);
    }
}
