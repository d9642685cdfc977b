package io.shadowscale.testkit.fleet;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records launches and closes instead of starting workers. */
final class FakeLauncher implements WorkerLauncher {
    final List<String> launched = new CopyOnWriteArrayList<>();
    final List<String> closed = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> envs = new CopyOnWriteArrayList<>();

    @Override
    public FleetWorker launch(String workerId, Map<String, String> env) {
        launched.add(workerId);
        envs.add(env);
        return new FleetWorker() {
            private volatile boolean alive = true;

            @Override
            public String workerId() {
                return workerId;
            }

            @Override
            public boolean alive() {
                return alive;
            }

            @Override
            public void close() {
                alive = false;
                closed.add(workerId);
            }
        };
    }
}
