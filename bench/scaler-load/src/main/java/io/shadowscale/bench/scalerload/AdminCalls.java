package io.shadowscale.bench.scalerload;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicCollection;

/**
 * Counts the Admin calls the scaler makes: {@link #wrap} puts a counting decorator in front of the
 * controller's Admin client (the one its cluster and metrics readers use). Each call of an Admin
 * method counts once under its name, with the number of items it asked about (partitions of a
 * {@code listOffsets}, groups of a {@code listConsumerGroupOffsets}, topics of a
 * {@code describeTopics}); {@code close} and {@code metrics} are not counted.
 */
public final class AdminCalls {
    private static final Set<String> NOT_CALLS = Set.of(
            "close",
            "metrics",
            "clientInstanceId",
            "registerMetricForSubscription",
            "unregisterMetricFromSubscription");

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> items = new ConcurrentHashMap<>();

    /** The counting decorator around {@code delegate}; closing it closes the delegate. */
    public Admin wrap(Admin delegate) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() != Object.class && !NOT_CALLS.contains(method.getName())) {
                calls.computeIfAbsent(method.getName(), k -> new LongAdder()).increment();
                items.computeIfAbsent(method.getName(), k -> new LongAdder()).add(itemsOf(args));
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class}, handler);
    }

    /** The counts so far. */
    public Snapshot snapshot() {
        Map<String, Long> c = new TreeMap<>();
        Map<String, Long> i = new TreeMap<>();
        calls.forEach((k, v) -> c.put(k, v.sum()));
        items.forEach((k, v) -> i.put(k, v.sum()));
        return new Snapshot(c, i);
    }

    static long itemsOf(Object[] args) {
        if (args == null || args.length == 0) {
            return 0;
        }
        Object first = args[0];
        if (first instanceof Map<?, ?> m) {
            return m.size();
        }
        if (first instanceof Collection<?> c) {
            return c.size();
        }
        if (first instanceof TopicCollection.TopicNameCollection t) {
            return t.topicNames().size();
        }
        if (first instanceof TopicCollection.TopicIdCollection t) {
            return t.topicIds().size();
        }
        return 1;
    }

    /**
     * Calls and items by Admin method name.
     *
     * @param calls calls by method
     * @param items items asked about by method
     */
    public record Snapshot(Map<String, Long> calls, Map<String, Long> items) {
        public Snapshot {
            calls = Map.copyOf(calls);
            items = Map.copyOf(items);
        }

        public long totalCalls() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }

        /** What happened between {@code earlier} and this snapshot. */
        public Snapshot minus(Snapshot earlier) {
            Map<String, Long> c = new HashMap<>();
            Map<String, Long> i = new HashMap<>();
            calls.forEach((k, v) -> c.put(k, v - earlier.calls.getOrDefault(k, 0L)));
            items.forEach((k, v) -> i.put(k, v - earlier.items.getOrDefault(k, 0L)));
            return new Snapshot(c, i);
        }
    }
}
