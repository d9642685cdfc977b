package io.shadowscale.common;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import io.grpc.protobuf.ProtoUtils;
import java.util.Objects;

/**
 * The gRPC descriptors of a service declared in a {@code .proto} whose binding is written by hand:
 * the build runs protoc for the messages, but the protoc gRPC plugin binary is not available to
 * it. Each method marshals the generated messages, and every descriptor points server reflection
 * at the service's {@code .proto}, so reflection describes the service as generated code would.
 */
public final class ProtoService {
    private final Descriptors.ServiceDescriptor service;

    /** The service {@code name} (its simple name) of the compiled {@code .proto} {@code file}. */
    public ProtoService(Descriptors.FileDescriptor file, String name) {
        this.service = Objects.requireNonNull(
                file.findServiceByName(name), () -> "no service " + name + " in " + file.getName());
    }

    /** The service's full name ({@code package.Service}). */
    public String fullName() {
        return service.getFullName();
    }

    /** The descriptor of the method {@code name}, which must be declared in the {@code .proto}. */
    public <Q extends Message, R extends Message> MethodDescriptor<Q, R> method(
            String name, MethodDescriptor.MethodType type, Q request, R response) {
        Objects.requireNonNull(service.findMethodByName(name), () -> "no method " + name + " in " + fullName());
        return MethodDescriptor.<Q, R>newBuilder()
                .setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(fullName(), name))
                .setSampledToLocalTracing(true)
                .setRequestMarshaller(ProtoUtils.marshaller(request))
                .setResponseMarshaller(ProtoUtils.marshaller(response))
                .setSchemaDescriptor(new Schema(service, name))
                .build();
    }

    /** The service descriptor with these {@code methods}. */
    public ServiceDescriptor descriptor(MethodDescriptor<?, ?>... methods) {
        ServiceDescriptor.Builder builder =
                ServiceDescriptor.newBuilder(fullName()).setSchemaDescriptor(new Schema(service, null));
        for (MethodDescriptor<?, ?> method : methods) {
            builder.addMethod(method);
        }
        return builder.build();
    }

    /** What reflection reads: the file, the service, and one method when named. */
    private record Schema(Descriptors.ServiceDescriptor service, String methodName)
            implements ProtoFileDescriptorSupplier, ProtoServiceDescriptorSupplier, ProtoMethodDescriptorSupplier {
        @Override
        public Descriptors.FileDescriptor getFileDescriptor() {
            return service.getFile();
        }

        @Override
        public Descriptors.ServiceDescriptor getServiceDescriptor() {
            return service;
        }

        @Override
        public Descriptors.MethodDescriptor getMethodDescriptor() {
            return methodName == null ? null : service.findMethodByName(methodName);
        }
    }
}
