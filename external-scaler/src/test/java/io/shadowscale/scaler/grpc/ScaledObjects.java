package io.shadowscale.scaler.grpc;

import io.shadowscale.scaler.grpc.externalscaler.ScaledObjectRef;
import java.util.HashMap;
import java.util.Map;

/** ScaledObject references and trigger metadata as KEDA sends them, for the gRPC tests. */
final class ScaledObjects {
    private ScaledObjects() {}

    /** The reference KEDA sends for ScaledObject {@code namespace/name} whose trigger carries {@code metadata}. */
    static ScaledObjectRef ref(String namespace, String name, Map<String, String> metadata) {
        return ScaledObjectRef.newBuilder()
                .setNamespace(namespace)
                .setName(name)
                .putAllScalerMetadata(metadata)
                .build();
    }

    /**
     * The trigger metadata of slot {@code slot} of pair {@code orders} over topic {@code orders},
     * with the scaler on loopback port 9090, and {@code more} (key, value, ...) added.
     */
    static Map<String, String> orders(String slot, String... more) {
        return with(
                Map.of("scalerAddress", "127.0.0.1:9090", "pair", "orders", "slot", slot, "topics", "orders"), more);
    }

    /** {@code base} with {@code kv} (key, value, ...) added or replacing its entries. */
    static Map<String, String> with(Map<String, String> base, String... kv) {
        Map<String, String> m = new HashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return Map.copyOf(m);
    }
}
