package io.shadowscale.control;

import com.google.protobuf.InvalidProtocolBufferException;
import io.shadowscale.control.proto.ControlEnvelope;
import java.util.Optional;

/**
 * Encodes and decodes control-topic records. Decoding never throws: a malformed record or one
 * from a newer protocol version is returned as {@link Decoded#rejected(String)} with the reason,
 * so one bad record cannot stop a worker or the controller.
 */
public final class ControlCodec {
    /** The highest protocol version this code speaks (see the proto's header for what each adds). */
    public static final int PROTOCOL_VERSION = 2;
    /**
     * The version of every envelope a version-1 reader must understand (statuses and the version-1
     * commands): written as 1 so that older controllers and workers keep reading them.
     */
    public static final int BASE_VERSION = 1;
    /** The version of the planned handoff's envelopes (Handoff, Release), which a version-1 reader drops. */
    public static final int HANDOFF_VERSION = 2;

    private ControlCodec() {}

    public static byte[] encode(ControlEnvelope envelope) {
        ControlEnvelope versioned = envelope.getVersion() == 0
                ? envelope.toBuilder().setVersion(versionFor(envelope)).build()
                : envelope;
        return versioned.toByteArray();
    }

    /** The lowest version that carries the envelope's body: 2 for Handoff and Release, 1 for the rest. */
    public static int versionFor(ControlEnvelope envelope) {
        boolean handoff = envelope.hasRelease()
                || (envelope.hasCommand() && envelope.getCommand().hasHandoff());
        return handoff ? HANDOFF_VERSION : BASE_VERSION;
    }

    public static Decoded decode(byte[] bytes) {
        if (bytes == null) {
            return Decoded.rejected("empty record");
        }
        ControlEnvelope envelope;
        try {
            envelope = ControlEnvelope.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return Decoded.rejected("malformed control record: " + e.getMessage());
        }
        if (envelope.getVersion() == 0) {
            return Decoded.rejected("control record without a protocol version");
        }
        if (envelope.getVersion() > PROTOCOL_VERSION) {
            return Decoded.rejected("control record of protocol version " + envelope.getVersion()
                    + ", this reader speaks " + PROTOCOL_VERSION);
        }
        if (!envelope.hasPair()
                || !PairKey.isDnsLabel(envelope.getPair().getNamespace())
                || !PairKey.isDnsLabel(envelope.getPair().getName())) {
            return Decoded.rejected("control record without a valid pair id");
        }
        if (envelope.getBodyCase() == ControlEnvelope.BodyCase.BODY_NOT_SET) {
            return Decoded.rejected("control record with neither command nor status");
        }
        return new Decoded(Optional.of(envelope), null);
    }

    /** A decoded record: the envelope, or the reason it was rejected. */
    public record Decoded(Optional<ControlEnvelope> envelope, String rejection) {
        static Decoded rejected(String reason) {
            return new Decoded(Optional.empty(), reason);
        }

        public boolean ok() {
            return envelope.isPresent();
        }
    }
}
