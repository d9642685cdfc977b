package io.shadowscale.scaler.grpc;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.config.ScaledObjectMetadata;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.SlotTargets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which ScaledObject claims which slot of which pair, learnt from KEDA's requests. The two
 * ScaledObjects of a pair must take distinct slots and agree on topics and policy; a conflict is
 * refused ({@link ScalerError.Reason#PAIR_CONFLICT}) and logged. Each new or changed pair is
 * {@linkplain SlotTargets#register registered}.
 *
 * <p>KEDA never says a ScaledObject was deleted; it just stops calling. A claim not renewed for
 * {@code claimTtl} (far above KEDA's polling interval) is therefore forgotten, so a replacement
 * ScaledObject under another name can take the slot.
 */
public final class PairClaims {
    private static final Logger LOG = LoggerFactory.getLogger(PairClaims.class);

    /** Default time after which an unrenewed claim lapses. */
    public static final Duration DEFAULT_CLAIM_TTL = Duration.ofMinutes(10);

    private record Claim(String scaledObject, ScaledObjectMetadata metadata, Instant seen) {}

    private record SlotRef(PairKey pair, SlotName slot) {}

    private final SlotTargets targets;
    private final Clock clock;
    private final Duration claimTtl;
    private final Map<PairKey, EnumMap<SlotName, Claim>> pairs = new HashMap<>();
    private final Map<String, SlotRef> byScaledObject = new HashMap<>();
    private final Map<PairKey, PairSpec> registered = new HashMap<>();
    private final Map<String, String> lastConflict = new HashMap<>();

    public PairClaims(SlotTargets targets, Clock clock, Duration claimTtl) {
        this.targets = Objects.requireNonNull(targets, "targets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.claimTtl = Objects.requireNonNull(claimTtl, "claimTtl");
    }

    /**
     * Records that {@code scaledObject} ({@code namespace/name}) carries {@code metadata}, checks it
     * against the pair's other slot and registers the pair when it is new or changed.
     *
     * @throws ScalerError PAIR_CONFLICT on a conflict, UNAVAILABLE when registering fails
     */
    public synchronized void admit(String scaledObject, ScaledObjectMetadata metadata) {
        Instant now = clock.instant();
        SlotRef here = new SlotRef(metadata.pair(), metadata.slot());
        SlotRef before = byScaledObject.get(scaledObject);
        if (before != null && !before.equals(here)) {
            release(scaledObject, before);
        }
        EnumMap<SlotName, Claim> slots = pairs.computeIfAbsent(metadata.pair(), p -> new EnumMap<>(SlotName.class));
        Claim holder = slots.get(metadata.slot());
        if (holder != null && !holder.scaledObject().equals(scaledObject) && !lapsed(holder, now)) {
            throw conflict(
                    scaledObject,
                    "ScaledObject " + scaledObject + " claims slot "
                            + metadata.slot().label()
                            + " of pair " + metadata.pair() + ", which ScaledObject " + holder.scaledObject()
                            + " already claims; give one of them slot "
                            + metadata.slot().other().label());
        }
        if (holder != null && !holder.scaledObject().equals(scaledObject)) {
            byScaledObject.remove(holder.scaledObject());
        }
        slots.put(metadata.slot(), new Claim(scaledObject, metadata, now));
        byScaledObject.put(scaledObject, here);

        Claim other = slots.get(metadata.slot().other());
        if (other != null && lapsed(other, now)) {
            release(
                    other.scaledObject(),
                    new SlotRef(metadata.pair(), metadata.slot().other()));
            other = null;
        }
        if (other != null) {
            List<String> differing = metadata.differingKeys(other.metadata());
            if (!differing.isEmpty()) {
                throw conflict(
                        scaledObject,
                        "ScaledObjects " + scaledObject + " (slot "
                                + metadata.slot().label()
                                + ") and " + other.scaledObject() + " (slot "
                                + other.metadata().slot().label() + ") of pair "
                                + metadata.pair() + " disagree on " + String.join(", ", differing)
                                + "; both must carry the same values");
            }
        }
        lastConflict.remove(scaledObject);
        register(metadata, other);
    }

    private void register(ScaledObjectMetadata metadata, Claim other) {
        Map<SlotName, String> deployments = new EnumMap<>(SlotName.class);
        metadata.deployment().ifPresent(d -> deployments.put(metadata.slot(), d));
        if (other != null) {
            other.metadata()
                    .deployment()
                    .ifPresent(d -> deployments.put(other.metadata().slot(), d));
        }
        PairSpec spec = new PairSpec(metadata.pair(), metadata.topics(), metadata.policy(), deployments);
        if (spec.equals(registered.get(spec.pair()))) {
            return;
        }
        try {
            targets.register(spec);
        } catch (RuntimeException e) {
            throw new ScalerError(
                    ScalerError.Reason.UNAVAILABLE,
                    "the pair controller could not register pair " + spec.pair() + ": " + e.getMessage(),
                    e);
        }
        registered.put(spec.pair(), spec);
        LOG.info(
                "registered pair {}: topics={} deployments={} policy={}",
                spec.pair(),
                spec.topics(),
                spec.deployments(),
                spec.policy());
    }

    private boolean lapsed(Claim claim, Instant now) {
        return claim.seen().plus(claimTtl).isBefore(now);
    }

    private void release(String scaledObject, SlotRef ref) {
        EnumMap<SlotName, Claim> slots = pairs.get(ref.pair());
        if (slots != null) {
            Claim claim = slots.get(ref.slot());
            if (claim != null && claim.scaledObject().equals(scaledObject)) {
                slots.remove(ref.slot());
            }
            if (slots.isEmpty()) {
                pairs.remove(ref.pair());
            }
        }
        byScaledObject.remove(scaledObject, ref);
    }

    private ScalerError conflict(String scaledObject, String message) {
        if (!message.equals(lastConflict.put(scaledObject, message))) {
            LOG.warn("pair conflict: {}", message);
        }
        return new ScalerError(ScalerError.Reason.PAIR_CONFLICT, message);
    }
}
