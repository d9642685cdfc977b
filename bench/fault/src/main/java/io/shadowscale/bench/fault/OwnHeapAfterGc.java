package io.shadowscale.bench.fault;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * This JVM's heap used after its last garbage collection (of any kind), in MiB, from the
 * collectors' own notifications ({@link GarbageCollectionNotificationInfo}): the same figure the
 * child JVMs write into their GC logs, without forcing a collection. NaN before the first one.
 */
final class OwnHeapAfterGc implements AutoCloseable {
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private volatile double lastMib = Double.NaN;

    OwnHeapAfterGc() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** MiB used in the heap's pools after the last collection; NaN before the first one. */
    double mib() {
        return lastMib;
    }

    private void onNotification(Notification n, Object handback) {
        if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        Map<String, MemoryUsage> after = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData())
                .getGcInfo()
                .getMemoryUsageAfterGc();
        long used = after.entrySet().stream()
                .filter(e -> heapPools.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed())
                .sum();
        lastMib = used / (1024.0 * 1024.0);
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already gone
            }
        }
    }
}
