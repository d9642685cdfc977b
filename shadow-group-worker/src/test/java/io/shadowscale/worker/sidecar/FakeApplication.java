package io.shadowscale.worker.sidecar;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.shadowscale.worker.sidecar.proto.Ack;
import io.shadowscale.worker.sidecar.proto.AppMessage;
import io.shadowscale.worker.sidecar.proto.RuntimeMessage;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An application stream driven by a test: what the runtime sent, queued; acks sent by hand. */
final class FakeApplication implements ClientResponseObserver<AppMessage, RuntimeMessage> {
    private final BlockingQueue<RuntimeMessage> received = new LinkedBlockingQueue<>();
    private volatile Status ended;
    private ClientCallStreamObserver<AppMessage> call;
    private final StreamObserver<AppMessage> out;

    FakeApplication(Channel channel) {
        this.out = SidecarContract.process(channel, this);
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<AppMessage> requestStream) {
        this.call = requestStream;
    }

    @Override
    public void onNext(RuntimeMessage value) {
        received.add(value);
    }

    @Override
    public void onError(Throwable t) {
        ended = Status.fromThrowable(t);
    }

    @Override
    public void onCompleted() {
        ended = Status.OK;
    }

    /** The next message from the runtime (fails after 5 s). */
    RuntimeMessage next() throws InterruptedException {
        RuntimeMessage message = received.poll(5, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("nothing from the runtime within 5 s");
        }
        return message;
    }

    /** Whatever else arrived, without waiting. */
    RuntimeMessage poll() {
        return received.poll();
    }

    void ack(Ack ack) {
        out.onNext(AppMessage.newBuilder().setAck(ack).build());
    }

    void disconnect() {
        call.cancel("application restarting", null);
    }

    Status ended() {
        return ended;
    }
}
