package io.shadowscale.bench.scalerload;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The controller's single thread, measured: how long each task it runs takes (ticks over every
 * pair, the looks a worker's answer triggers) and the total busy time. A controller whose busy
 * time nears the wall time cannot keep its tick and metrics intervals.
 */
final class TimedExecutor extends ScheduledThreadPoolExecutor {
    private final ThreadLocal<Long> started = new ThreadLocal<>();
    private final LongAdder busyNanos = new LongAdder();
    private final Recorder taskMicros = new Recorder(3);

    TimedExecutor() {
        super(1, r -> {
            Thread t = new Thread(r, "pair-controller");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    protected void beforeExecute(Thread t, Runnable r) {
        started.set(System.nanoTime());
    }

    @Override
    protected void afterExecute(Runnable r, Throwable t) {
        Long start = started.get();
        if (start != null) {
            long took = System.nanoTime() - start;
            busyNanos.add(took);
            taskMicros.recordValue(Math.max(0, took / 1_000));
        }
    }

    long busyNanos() {
        return busyNanos.sum();
    }

    /** Task durations (microseconds) since the last call. */
    Histogram taskInterval() {
        return taskMicros.getIntervalHistogram();
    }
}
