package io.shadowscale.worker.sidecar;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.shadowscale.common.ProtoService;
import io.shadowscale.worker.sidecar.proto.AppMessage;
import io.shadowscale.worker.sidecar.proto.RuntimeMessage;
import io.shadowscale.worker.sidecar.proto.SidecarProto;

/**
 * The gRPC binding of {@code shadowscale.sidecar.v1.RecordProcessor} (shadowscale_sidecar.proto):
 * the method descriptor, the server binding and the client call. Written by hand because the protoc
 * gRPC plugin binary is not available to this build; it carries the proto's descriptors, so
 * reflection describes the service as generated code would.
 */
public final class SidecarContract {
    private static final ProtoService PROTO = new ProtoService(SidecarProto.getDescriptor(), "RecordProcessor");
    public static final String SERVICE_NAME = PROTO.fullName();

    public static final MethodDescriptor<AppMessage, RuntimeMessage> PROCESS = PROTO.method(
            "Process",
            MethodDescriptor.MethodType.BIDI_STREAMING,
            AppMessage.getDefaultInstance(),
            RuntimeMessage.getDefaultInstance());

    public static final ServiceDescriptor SERVICE = PROTO.descriptor(PROCESS);

    private SidecarContract() {}

    /** The server side: one call per application stream. */
    @FunctionalInterface
    public interface Handler {
        StreamObserver<AppMessage> process(StreamObserver<RuntimeMessage> toApplication);
    }

    public static ServerServiceDefinition bind(Handler handler) {
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(PROCESS, ServerCalls.asyncBidiStreamingCall(handler::process))
                .build();
    }

    /** Opens a stream as an application does (tests, the bench). */
    public static StreamObserver<AppMessage> process(Channel channel, StreamObserver<RuntimeMessage> fromRuntime) {
        return ClientCalls.asyncBidiStreamingCall(channel.newCall(PROCESS, CallOptions.DEFAULT), fromRuntime);
    }
}
