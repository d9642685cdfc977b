package io.shadowscale.bench.scalerload;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time by thread group, from {@link ThreadMXBean}: broker, scaler and KEDA stand-in share this
 * JVM, so the process CPU alone cannot say what the scaler costs. Groups by thread name: the
 * controller's thread, the scaler's Admin client thread, the gRPC server threads, the stand-in's
 * threads ({@code keda-*}) and everything else (broker, the scaler's control and state clients,
 * the fleet). Threads that ended between two snapshots are not counted.
 */
final class ThreadCpu {
    static final String CONTROLLER = "controller";
    static final String SCALER_ADMIN = "scaler admin client";
    static final String GRPC_SERVER = "gRPC server";
    static final String KEDA = "KEDA stand-in";
    static final String OTHER = "broker and other clients";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> cpuAtStart = new HashMap<>();

    ThreadCpu() {
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
    }

    boolean supported() {
        return threads.isThreadCpuTimeSupported();
    }

    /** Starts a measurement window. */
    void mark() {
        cpuAtStart.clear();
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu >= 0) {
                cpuAtStart.put(id, cpu);
            }
        }
    }

    /** CPU seconds by group since {@link #mark()}. */
    Map<String, Double> secondsByGroup() {
        Map<String, Double> groups = new TreeMap<>();
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (cpu < 0) {
                continue;
            }
            long used = cpu - cpuAtStart.getOrDefault(ids[i], 0L);
            groups.merge(group(infos[i].getThreadName()), used / 1e9, Double::sum);
        }
        return groups;
    }

    static String group(String name) {
        if (name.equals("pair-controller")) {
            return CONTROLLER;
        }
        if (name.contains("shadowscale-scaler-admin")) {
            return SCALER_ADMIN;
        }
        if (name.startsWith("keda-")) {
            return KEDA;
        }
        if (name.startsWith("grpc-")) {
            return GRPC_SERVER;
        }
        return OTHER;
    }
}
