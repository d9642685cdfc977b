package io.shadowscale.scaler.controller;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Leads from {@link #start()} to {@link #close()}: the only replica there is. */
final class StandaloneLeadership implements Leadership {
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean leading;

    @Override
    public synchronized void start() {
        if (!leading) {
            leading = true;
            listeners.forEach(l -> l.accept(true));
        }
    }

    @Override
    public boolean isLeader() {
        return leading;
    }

    @Override
    public synchronized AutoCloseable onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
        if (leading) {
            listener.accept(true);
        }
        return () -> listeners.remove(listener);
    }

    @Override
    public synchronized void close() {
        if (leading) {
            leading = false;
            listeners.forEach(l -> l.accept(false));
        }
    }
}
