package io.shadowscale.scaler.model;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the scaler knows of a pair from its two ScaledObjects: identity, input topics, policy, and
 * the Deployment of each slot (for readiness; may be absent without Kubernetes).
 */
public record PairSpec(PairKey pair, List<String> topics, PolicySettings policy, Map<SlotName, String> deployments) {
    public PairSpec {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(policy, "policy");
        topics = List.copyOf(topics);
        deployments = Map.copyOf(deployments);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("a pair needs at least one topic");
        }
    }

    public PairSpec(PairKey pair, List<String> topics, PolicySettings policy) {
        this(pair, topics, policy, Map.of());
    }
}
