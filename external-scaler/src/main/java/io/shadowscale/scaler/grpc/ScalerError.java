package io.shadowscale.scaler.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Objects;

/**
 * A request the scaler cannot answer, with a {@link Reason} that fixes the gRPC status KEDA sees
 * and the Kubernetes Event reason it is reported under.
 */
public final class ScalerError extends RuntimeException {

    /** Why a request failed. */
    public enum Reason {
        /** The ScaledObject's metadata (or the request itself) is malformed. */
        INVALID_METADATA(Status.Code.INVALID_ARGUMENT, "InvalidMetadata"),
        /** The ScaledObject's namespace is not served by this scaler. */
        NAMESPACE_NOT_ALLOWED(Status.Code.PERMISSION_DENIED, "NamespaceNotAllowed"),
        /** The two ScaledObjects of a pair disagree, or both claim one slot. */
        PAIR_CONFLICT(Status.Code.FAILED_PRECONDITION, "PairConflict"),
        /** The controller knows no such pair, slot or metric. */
        UNKNOWN_SLOT(Status.Code.NOT_FOUND, "UnknownSlot"),
        /** The controller (or Kafka behind it) cannot answer right now. */
        UNAVAILABLE(Status.Code.UNAVAILABLE, "ControllerUnavailable");

        private final Status.Code code;
        private final String eventReason;

        Reason(Status.Code code, String eventReason) {
            this.code = code;
            this.eventReason = eventReason;
        }

        public Status.Code code() {
            return code;
        }

        public String eventReason() {
            return eventReason;
        }
    }

    private final Reason reason;

    public ScalerError(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public ScalerError(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    public StatusRuntimeException toStatus() {
        return Status.fromCode(reason.code()).withDescription(getMessage()).asRuntimeException();
    }
}
