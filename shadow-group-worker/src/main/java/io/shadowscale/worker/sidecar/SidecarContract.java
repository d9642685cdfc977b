package io.shadowscale.worker.sidecar;

import com.google.protobuf.Descriptors;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
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
    public static final String SERVICE_NAME = "shadowscale.sidecar.v1.RecordProcessor";

    public static final MethodDescriptor<AppMessage, RuntimeMessage> PROCESS = MethodDescriptor
            .<AppMessage, RuntimeMessage>newBuilder()
            .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE_NAME, "Process"))
            .setRequestMarshaller(ProtoUtils.marshaller(AppMessage.getDefaultInstance()))
            .setResponseMarshaller(ProtoUtils.marshaller(RuntimeMessage.getDefaultInstance()))
            .setSchemaDescriptor(new Schema("Process"))
            .build();

    public static final ServiceDescriptor SERVICE = ServiceDescriptor.newBuilder(SERVICE_NAME)
            .setSchemaDescriptor(new Schema(null))
            .addMethod(PROCESS)
            .build();

    private SidecarContract() {
    }

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

    private static final class Schema
            implements ProtoFileDescriptorSupplier, ProtoServiceDescriptorSupplier, ProtoMethodDescriptorSupplier {
        private final String methodName;

        Schema(String methodName) {
            this.methodName = methodName;
        }

        @Override
        public Descriptors.FileDescriptor getFileDescriptor() {
            return SidecarProto.getDescriptor();
        }

        @Override
        public Descriptors.ServiceDescriptor getServiceDescriptor() {
            return getFileDescriptor().findServiceByName("RecordProcessor");
        }

        @Override
        public Descriptors.MethodDescriptor getMethodDescriptor() {
            return methodName == null ? null : getServiceDescriptor().findMethodByName(methodName);
        }
    }
}
