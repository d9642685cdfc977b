package io.shadowscale.bench.fault;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The processes a soak samples, each on its chart line: this JVM ({@value #BENCH}: broker, producer,
 * output reader), the scaler ({@value #SCALER}), and every running worker on the line of its seat,
 * {@code <slot> <k>}: the k-th oldest running worker of that slot. A worker lives from the walk that
 * starts it to the walk that stops it, so a seat's line is one process after another, with a gap
 * while its slot has no workers.
 */
final class SoakTargets {
    static final String BENCH = "bench";
    static final String SCALER = "scaler";
    /** {@code <pair name>-<slot>-<ordinal>}, as the fleet names its workers. */
    private static final Pattern WORKER_ID = Pattern.compile("-(blue|green)-(\\d+)$");

    private SoakTargets() {}

    static List<ResourceSampler.Target> of(ScalerProcess scaler, ProcessWorkers workers) {
        List<ResourceSampler.Target> targets = new ArrayList<>();
        targets.add(new ResourceSampler.Target(BENCH, ProcessHandle.current().pid(), true));
        scaler.pid().ifPresent(pid -> targets.add(new ResourceSampler.Target(SCALER, pid, false)));
        List<ProcessWorkers.ProcessWorker> running = workers.all().stream()
                .filter(ProcessWorkers.ProcessWorker::alive)
                .toList();
        targets.addAll(seats(running.stream()
                .map(w -> new Worker(w.workerId(), w.process().pid()))
                .toList()));
        return targets;
    }

    /** A running worker: its id and pid. */
    record Worker(String id, long pid) {}

    /** The seat lines of {@code running}: per slot, oldest (lowest ordinal) first; ids of another shape last. */
    static List<ResourceSampler.Target> seats(List<Worker> running) {
        List<ResourceSampler.Target> targets = new ArrayList<>();
        for (String slot : List.of("blue", "green")) {
            List<Worker> ofSlot = running.stream()
                    .filter(w -> slot(w).equals(slot))
                    .sorted(Comparator.comparingLong(SoakTargets::ordinal))
                    .toList();
            for (int i = 0; i < ofSlot.size(); i++) {
                targets.add(new ResourceSampler.Target(
                        slot + " " + (i + 1), ofSlot.get(i).pid(), false));
            }
        }
        running.stream()
                .filter(w -> slot(w).isEmpty())
                .forEach(w -> targets.add(new ResourceSampler.Target(w.id(), w.pid(), false)));
        return targets;
    }

    private static String slot(Worker w) {
        Matcher m = WORKER_ID.matcher(w.id());
        return m.find() ? m.group(1) : "";
    }

    private static long ordinal(Worker w) {
        Matcher m = WORKER_ID.matcher(w.id());
        return m.find() ? Long.parseLong(m.group(2)) : Long.MAX_VALUE;
    }
}
