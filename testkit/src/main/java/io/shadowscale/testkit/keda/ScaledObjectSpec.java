package io.shadowscale.testkit.keda;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.grpc.externalscaler.ScaledObjectRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One ScaledObject as the stand-in knows it: the slot's Deployment it scales and the trigger
 * metadata a real {@code external-push} ScaledObject would carry (see docs/operations/scaler-settings.md).
 *
 * @param namespace the ScaledObject's namespace (the pair's)
 * @param name the ScaledObject's name ({@code <pair>-<slot>})
 * @param deployment the Deployment it scales (here: the in-process fleet of that slot)
 * @param slot the slot the trigger names
 * @param metadata the trigger's {@code metadata}, sent as {@code scalerMetadata}
 */
public record ScaledObjectSpec(
        String namespace, String name, String deployment, SlotName slot, Map<String, String> metadata) {
    public ScaledObjectSpec {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(slot, "slot");
        metadata = Map.copyOf(metadata);
    }

    /**
     * The ScaledObject of one slot of {@code pair}: name and Deployment {@code <pair>-<slot>},
     * metadata {@code pair}, {@code slot}, {@code topics}, {@code deployment} plus the policy keys
     * (e.g. {@code workerCapacity}, {@code scaleUpDelaySeconds}); both slots must get the same ones.
     */
    public static ScaledObjectSpec forSlot(
            PairKey pair, SlotName slot, List<String> topics, Map<String, String> policyKeys, String scalerAddress) {
        String name = pair.name() + "-" + slot.label();
        Map<String, String> metadata = new LinkedHashMap<>(policyKeys);
        metadata.put("scalerAddress", scalerAddress);
        metadata.put("pair", pair.name());
        metadata.put("slot", slot.label());
        metadata.put("topics", String.join(",", topics));
        metadata.put("deployment", name);
        return new ScaledObjectSpec(pair.namespace(), name, name, slot, metadata);
    }

    /** Both ScaledObjects of a pair. */
    public static List<ScaledObjectSpec> forPair(
            PairKey pair, List<String> topics, Map<String, String> policyKeys, String scalerAddress) {
        return List.of(
                forSlot(pair, SlotName.BLUE, topics, policyKeys, scalerAddress),
                forSlot(pair, SlotName.GREEN, topics, policyKeys, scalerAddress));
    }

    /** The reference KEDA sends with every call. */
    public ScaledObjectRef ref() {
        return ScaledObjectRef.newBuilder()
                .setNamespace(namespace)
                .setName(name)
                .putAllScalerMetadata(metadata)
                .build();
    }
}
