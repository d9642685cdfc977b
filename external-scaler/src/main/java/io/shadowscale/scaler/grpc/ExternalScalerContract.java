package io.shadowscale.scaler.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.shadowscale.common.ProtoService;
import io.shadowscale.scaler.grpc.externalscaler.ExternalScalerProto;
import io.shadowscale.scaler.grpc.externalscaler.GetMetricSpecResponse;
import io.shadowscale.scaler.grpc.externalscaler.GetMetricsRequest;
import io.shadowscale.scaler.grpc.externalscaler.GetMetricsResponse;
import io.shadowscale.scaler.grpc.externalscaler.IsActiveResponse;
import io.shadowscale.scaler.grpc.externalscaler.ScaledObjectRef;
import java.util.Iterator;

/**
 * The gRPC binding of {@code externalscaler.ExternalScaler} (externalscaler.proto): method
 * descriptors, the server-side {@link Handler} and small client calls. Written by hand because the
 * protoc gRPC plugin binary is not available to this build; it carries the proto's schema
 * descriptors, so server reflection describes the service exactly as generated code would.
 */
public final class ExternalScalerContract {
    private static final ProtoService PROTO = new ProtoService(ExternalScalerProto.getDescriptor(), "ExternalScaler");
    public static final String SERVICE_NAME = PROTO.fullName();

    public static final MethodDescriptor<ScaledObjectRef, IsActiveResponse> IS_ACTIVE = PROTO.method(
            "IsActive",
            MethodDescriptor.MethodType.UNARY,
            ScaledObjectRef.getDefaultInstance(),
            IsActiveResponse.getDefaultInstance());
    public static final MethodDescriptor<ScaledObjectRef, IsActiveResponse> STREAM_IS_ACTIVE = PROTO.method(
            "StreamIsActive",
            MethodDescriptor.MethodType.SERVER_STREAMING,
            ScaledObjectRef.getDefaultInstance(),
            IsActiveResponse.getDefaultInstance());
    public static final MethodDescriptor<ScaledObjectRef, GetMetricSpecResponse> GET_METRIC_SPEC = PROTO.method(
            "GetMetricSpec",
            MethodDescriptor.MethodType.UNARY,
            ScaledObjectRef.getDefaultInstance(),
            GetMetricSpecResponse.getDefaultInstance());
    public static final MethodDescriptor<GetMetricsRequest, GetMetricsResponse> GET_METRICS = PROTO.method(
            "GetMetrics",
            MethodDescriptor.MethodType.UNARY,
            GetMetricsRequest.getDefaultInstance(),
            GetMetricsResponse.getDefaultInstance());
    public static final MethodDescriptor<ScaledObjectRef, GetMetricSpecResponse> STREAM_METRIC_SPEC = PROTO.method(
            "StreamMetricSpec",
            MethodDescriptor.MethodType.SERVER_STREAMING,
            ScaledObjectRef.getDefaultInstance(),
            GetMetricSpecResponse.getDefaultInstance());

    public static final ServiceDescriptor SERVICE =
            PROTO.descriptor(IS_ACTIVE, STREAM_IS_ACTIVE, GET_METRIC_SPEC, GET_METRICS, STREAM_METRIC_SPEC);

    private ExternalScalerContract() {}

    /** The server side of the five RPCs. */
    public interface Handler {
        void isActive(ScaledObjectRef request, StreamObserver<IsActiveResponse> response);

        void streamIsActive(ScaledObjectRef request, StreamObserver<IsActiveResponse> response);

        void getMetricSpec(ScaledObjectRef request, StreamObserver<GetMetricSpecResponse> response);

        void getMetrics(GetMetricsRequest request, StreamObserver<GetMetricsResponse> response);

        void streamMetricSpec(ScaledObjectRef request, StreamObserver<GetMetricSpecResponse> response);
    }

    /** The service definition to add to a server. */
    public static ServerServiceDefinition bind(Handler handler) {
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(IS_ACTIVE, ServerCalls.asyncUnaryCall(handler::isActive))
                .addMethod(STREAM_IS_ACTIVE, ServerCalls.asyncServerStreamingCall(handler::streamIsActive))
                .addMethod(GET_METRIC_SPEC, ServerCalls.asyncUnaryCall(handler::getMetricSpec))
                .addMethod(GET_METRICS, ServerCalls.asyncUnaryCall(handler::getMetrics))
                .addMethod(STREAM_METRIC_SPEC, ServerCalls.asyncServerStreamingCall(handler::streamMetricSpec))
                .build();
    }

    /** Blocking calls, as a test or the local KEDA stand-in makes them. */
    public record BlockingClient(Channel channel, CallOptions options) {
        public BlockingClient(Channel channel) {
            this(channel, CallOptions.DEFAULT);
        }

        public IsActiveResponse isActive(ScaledObjectRef ref) {
            return ClientCalls.blockingUnaryCall(channel, IS_ACTIVE, options, ref);
        }

        public GetMetricSpecResponse getMetricSpec(ScaledObjectRef ref) {
            return ClientCalls.blockingUnaryCall(channel, GET_METRIC_SPEC, options, ref);
        }

        public GetMetricsResponse getMetrics(GetMetricsRequest request) {
            return ClientCalls.blockingUnaryCall(channel, GET_METRICS, options, request);
        }

        public Iterator<IsActiveResponse> streamIsActive(ScaledObjectRef ref) {
            return ClientCalls.blockingServerStreamingCall(channel, STREAM_IS_ACTIVE, options, ref);
        }

        public Iterator<GetMetricSpecResponse> streamMetricSpec(ScaledObjectRef ref) {
            return ClientCalls.blockingServerStreamingCall(channel, STREAM_METRIC_SPEC, options, ref);
        }
    }

    /** Asynchronous streaming calls; cancel them through the observer's {@code ClientCallStreamObserver}. */
    public static void streamIsActive(Channel channel, ScaledObjectRef ref, StreamObserver<IsActiveResponse> observer) {
        ClientCalls.asyncServerStreamingCall(channel.newCall(STREAM_IS_ACTIVE, CallOptions.DEFAULT), ref, observer);
    }

    public static void streamMetricSpec(
            Channel channel, ScaledObjectRef ref, StreamObserver<GetMetricSpecResponse> observer) {
        ClientCalls.asyncServerStreamingCall(channel.newCall(STREAM_METRIC_SPEC, CallOptions.DEFAULT), ref, observer);
    }
}
