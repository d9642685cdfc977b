package io.shadowscale.bench.fault;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.shadowscale.testkit.cli.BenchLogs;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Kubernetes API server for the fault bench in a process of its own: fabric8's mock server in
 * CRUD mode (objects are stored, resourceVersions checked, so a Lease election behaves as against a
 * real API server), plain HTTP on {@code 127.0.0.1:<}{@value #PORT}{@code >}. Prints its URL, then
 * serves until the process is stopped.
 */
public final class MockApiServerMain {
    /** The environment variable with the port to listen on. */
    static final String PORT = "FAULT_KUBERNETES_API_PORT";

    private MockApiServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(System.getenv(PORT));
        // one log line per request (the Lease is read and renewed every retry period) would fill the log
        BenchLogs.quiet();
        Logger.getLogger("io.fabric8").setLevel(Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(List.of()), false);
        server.init(InetAddress.getLoopbackAddress(), port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroy, "mock-api-stop"));
        System.out.println("mock Kubernetes API (CRUD) on " + server.url("/"));
        Thread.currentThread().join();
    }
}
