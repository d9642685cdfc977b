package io.shadowscale.scaler.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.config.MetadataException;
import io.shadowscale.scaler.config.Problems;
import io.shadowscale.scaler.config.ScaledObjectMetadata;
import io.shadowscale.scaler.grpc.externalscaler.GetMetricSpecResponse;
import io.shadowscale.scaler.grpc.externalscaler.GetMetricsRequest;
import io.shadowscale.scaler.grpc.externalscaler.GetMetricsResponse;
import io.shadowscale.scaler.grpc.externalscaler.IsActiveResponse;
import io.shadowscale.scaler.grpc.externalscaler.MetricSpec;
import io.shadowscale.scaler.grpc.externalscaler.MetricValue;
import io.shadowscale.scaler.grpc.externalscaler.ScaledObjectRef;
import io.shadowscale.scaler.model.SlotTarget;
import io.shadowscale.scaler.model.SlotTargets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers KEDA for each slot's ScaledObject from {@link SlotTargets}. Every request is checked
 * (size, namespace, metadata, pair claims) before anything is read; each failure becomes a status
 * with a message naming what is wrong, never a crash.
 *
 * <pre>
 * KEDA (per ScaledObject)             scaler                          pair controller
 *   GetMetricSpec ───────────────────> metric shadowscale-ns-pair-slot, target 1
 *   every pollingInterval / 15 s HPA:
 *   GetMetrics ──────────────────────> target(pair, slot).replicas ─> SlotTargets.target
 *   IsActive ────────────────────────> target(pair, slot).active
 *   StreamIsActive (external-push) ──> current value, then each change <─ SlotTargets.watch
 * </pre>
 *
 * A slot's replicas only change when the controller walks the pair (warm, cut over, drain); this
 * service reports, never decides.
 */
public final class ExternalScalerService implements ExternalScalerContract.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalScalerService.class);
    private static final Pattern OBJECT_NAME =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final SlotTargets targets;
    private final PairClaims claims;
    private final Set<String> allowedNamespaces;
    private final RequestLimits limits;
    /**
     * Parsed metadata by request: KEDA sends the same ScaledObjectRef on every poll, so each
     * ScaledObject is parsed once per change. Only valid refs are kept; bounded by {@link #PARSED_CAP}.
     */
    private final Map<ScaledObjectRef, ScaledObjectMetadata> parsed = new ConcurrentHashMap<>();

    static final int PARSED_CAP = 10_000;

    /**
     * @param allowedNamespaces namespaces served; empty serves all
     */
    public ExternalScalerService(
            SlotTargets targets, PairClaims claims, Set<String> allowedNamespaces, RequestLimits limits) {
        this.targets = Objects.requireNonNull(targets, "targets");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.allowedNamespaces = Set.copyOf(allowedNamespaces);
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public void isActive(ScaledObjectRef request, StreamObserver<IsActiveResponse> response) {
        answer(response, () -> {
            ScaledObjectMetadata slot = resolve(request);
            return IsActiveResponse.newBuilder()
                    .setResult(target(slot).active())
                    .build();
        });
    }

    @Override
    public void getMetricSpec(ScaledObjectRef request, StreamObserver<GetMetricSpecResponse> response) {
        answer(response, () -> spec(resolve(request)));
    }

    @Override
    public void getMetrics(GetMetricsRequest request, StreamObserver<GetMetricsResponse> response) {
        answer(response, () -> {
            ScaledObjectMetadata slot = resolve(request.getScaledObjectRef());
            if (!slot.metricName().equalsIgnoreCase(request.getMetricName())) {
                throw new ScalerError(
                        ScalerError.Reason.UNKNOWN_SLOT,
                        "metric " + Problems.quote(request.getMetricName())
                                + " is not served for ScaledObject " + objectName(request.getScaledObjectRef())
                                + "; its metric is '" + slot.metricName() + "'");
            }
            int replicas = target(slot).replicas();
            return GetMetricsResponse.newBuilder()
                    .addMetricValues(MetricValue.newBuilder()
                            .setMetricName(slot.metricName())
                            .setMetricValue(replicas)
                            .setMetricValueFloat(replicas))
                    .build();
        });
    }

    @Override
    public void streamIsActive(ScaledObjectRef request, StreamObserver<IsActiveResponse> response) {
        ServerCallStreamObserver<IsActiveResponse> call = (ServerCallStreamObserver<IsActiveResponse>) response;
        ScaledObjectMetadata slot;
        try {
            slot = resolve(request);
        } catch (ScalerError e) {
            call.onError(e.toStatus());
            return;
        }
        ActivityPush push = new ActivityPush(call);
        AutoCloseable watch;
        try {
            watch = targets.watch(slot.pair(), slot.slot(), push);
        } catch (RuntimeException e) {
            push.fail(unavailable(slot.pair(), e).toStatus());
            return;
        }
        call.setOnCancelHandler(() -> close(watch, slot.pair()));
        try {
            push.initial(target(slot));
        } catch (ScalerError e) {
            close(watch, slot.pair());
            push.fail(e.toStatus());
        }
        if (call.isCancelled()) {
            close(watch, slot.pair());
        }
    }

    @Override
    public void streamMetricSpec(ScaledObjectRef request, StreamObserver<GetMetricSpecResponse> response) {
        ServerCallStreamObserver<GetMetricSpecResponse> call =
                (ServerCallStreamObserver<GetMetricSpecResponse>) response;
        call.setOnCancelHandler(() -> {});
        try {
            call.onNext(spec(resolve(request)));
        } catch (ScalerError e) {
            call.onError(e.toStatus());
        }
        // The spec of a slot never changes while its metadata stays the same: the stream stays
        // open, silent, until KEDA cancels it (a changed ScaledObject makes KEDA open a new one).
    }

    /** Checks the request and the pair's claims; the parsed metadata of a valid one. */
    ScaledObjectMetadata resolve(ScaledObjectRef ref) {
        String name = objectName(ref);
        if (ref.getName().isEmpty()
                || ref.getName().length() > 253
                || !OBJECT_NAME.matcher(ref.getName()).matches()) {
            throw invalid("ScaledObjectRef.name " + Problems.quote(ref.getName()) + ": expected a DNS-1123 subdomain");
        }
        if (!PairKey.isDnsLabel(ref.getNamespace())) {
            throw invalid(
                    "ScaledObjectRef.namespace " + Problems.quote(ref.getNamespace()) + ": expected a DNS-1123 label");
        }
        if (!allowedNamespaces.isEmpty() && !allowedNamespaces.contains(ref.getNamespace())) {
            throw new ScalerError(
                    ScalerError.Reason.NAMESPACE_NOT_ALLOWED,
                    "ScaledObject " + name + ": namespace '"
                            + ref.getNamespace() + "' is not served by this scaler (allowed: "
                            + String.join(", ", new TreeSet<>(allowedNamespaces)) + ")");
        }
        ScaledObjectMetadata known = parsed.get(ref);
        if (known != null) {
            claims.admit(name, known);
            return known;
        }
        Map<String, String> metadata = ref.getScalerMetadataMap();
        if (metadata.size() > limits.maxEntries()) {
            throw invalid("ScaledObject " + name + ": " + metadata.size() + " metadata entries; at most "
                    + limits.maxEntries() + " allowed");
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().length() > limits.maxKeyChars()) {
                throw invalid("ScaledObject " + name + ": metadata key " + Problems.quote(e.getKey()) + " is "
                        + e.getKey().length() + " characters long; at most " + limits.maxKeyChars() + " allowed");
            }
            if (e.getValue().length() > limits.maxValueChars()) {
                throw invalid("ScaledObject " + name + ": value of metadata key " + Problems.quote(e.getKey())
                        + " is " + e.getValue().length() + " characters long; at most " + limits.maxValueChars()
                        + " allowed");
            }
        }
        ScaledObjectMetadata slot;
        try {
            slot = ScaledObjectMetadata.parse(ref.getNamespace(), ref.getName(), metadata);
        } catch (MetadataException e) {
            throw invalid(e.getMessage());
        }
        claims.admit(name, slot);
        if (parsed.size() >= PARSED_CAP) {
            parsed.clear();
        }
        parsed.put(ref, slot);
        return slot;
    }

    private SlotTarget target(ScaledObjectMetadata slot) {
        try {
            return targets.target(slot.pair(), slot.slot())
                    .orElseThrow(() -> new ScalerError(
                            ScalerError.Reason.UNKNOWN_SLOT,
                            "pair " + slot.pair() + " (slot " + slot.slot().label()
                                    + ") is not known to the pair controller"));
        } catch (ScalerError e) {
            throw e;
        } catch (RuntimeException e) {
            throw unavailable(slot.pair(), e);
        }
    }

    private static GetMetricSpecResponse spec(ScaledObjectMetadata slot) {
        return GetMetricSpecResponse.newBuilder()
                .addMetricSpecs(MetricSpec.newBuilder()
                        .setMetricName(slot.metricName())
                        .setTargetSize(1)
                        .setTargetSizeFloat(1.0))
                .build();
    }

    private static <T> void answer(StreamObserver<T> response, Supplier<T> body) {
        T value;
        try {
            value = body.get();
        } catch (ScalerError e) {
            response.onError(e.toStatus());
            return;
        } catch (RuntimeException e) {
            LOG.error("unexpected failure answering KEDA", e);
            response.onError(
                    Status.INTERNAL.withDescription("internal error: " + e).asRuntimeException());
            return;
        }
        response.onNext(value);
        response.onCompleted();
    }

    private static ScalerError unavailable(PairKey pair, RuntimeException e) {
        return new ScalerError(
                ScalerError.Reason.UNAVAILABLE,
                "the pair controller cannot answer for pair " + pair + ": " + e.getMessage(),
                e);
    }

    private static ScalerError invalid(String message) {
        return new ScalerError(ScalerError.Reason.INVALID_METADATA, message);
    }

    private static String objectName(ScaledObjectRef ref) {
        return Problems.quote(ref.getNamespace()).replace("'", "") + "/"
                + Problems.quote(ref.getName()).replace("'", "");
    }

    private static void close(AutoCloseable watch, PairKey pair) {
        try {
            watch.close();
        } catch (Exception e) {
            LOG.warn("closing the watch of pair {} failed", pair, e);
        }
    }

    /** Sends each change of a slot's activity on one StreamIsActive call (thread-safe, deduplicated). */
    private static final class ActivityPush implements Consumer<SlotTarget> {
        private final ServerCallStreamObserver<IsActiveResponse> call;
        private Boolean last;
        private boolean closed;
        private boolean changed;

        ActivityPush(ServerCallStreamObserver<IsActiveResponse> call) {
            this.call = call;
        }

        /** A change from the controller: always newer than the value read at open. */
        @Override
        public synchronized void accept(SlotTarget target) {
            changed = true;
            send(target);
        }

        /**
         * The value read when the stream opened; skipped if a change already arrived (the read
         * may have happened before that change, and must not overwrite it).
         */
        synchronized void initial(SlotTarget target) {
            if (!changed) {
                send(target);
            }
        }

        private void send(SlotTarget target) {
            if (closed || call.isCancelled() || Boolean.valueOf(target.active()).equals(last)) {
                return;
            }
            last = target.active();
            try {
                call.onNext(
                        IsActiveResponse.newBuilder().setResult(target.active()).build());
            } catch (RuntimeException e) {
                closed = true;
                LOG.debug("StreamIsActive push failed (call gone)", e);
            }
        }

        synchronized void fail(StatusRuntimeException status) {
            if (!closed) {
                closed = true;
                call.onError(status);
            }
        }
    }
}
