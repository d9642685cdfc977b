package io.shadowscale.worker;

import java.util.HashMap;
import java.util.Map;

/** Worker environments for tests. */
public final class WorkerEnvs {
    private WorkerEnvs() {}

    /**
     * A valid, mutable environment for slot green of pair shop/orders (topics orders and payments, output
     * orders.out, environment prod, worker orders-green-7d9f-abcde), with {@code overrides} (key, value, ...) put
     * over it.
     */
    public static Map<String, String> valid(String... overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("SHADOWSCALE_BOOTSTRAP_SERVERS", "kafka-0:9092,kafka-1:9092");
        env.put("SHADOWSCALE_TOPICS", "orders, payments");
        env.put("POD_NAMESPACE", "shop");
        env.put("SHADOWSCALE_PAIR_NAME", "orders");
        env.put("SHADOWSCALE_SLOT", "green");
        env.put("HOSTNAME", "orders-green-7d9f-abcde");
        env.put("SHADOWSCALE_OUTPUT_TOPIC", "orders.out");
        env.put("SHADOWSCALE_ENVIRONMENT", "prod");
        for (int i = 0; i < overrides.length; i += 2) {
            env.put(overrides[i], overrides[i + 1]);
        }
        return env;
    }
}
