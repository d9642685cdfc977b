package io.shadowscale.bench.fault;

import io.shadowscale.control.PairKey;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The scaler ({@code io.shadowscale.scaler.ScalerMain}, pair controller + KEDA gRPC + admin HTTP)
 * as a child process on fixed loopback ports, so that a restarted one is found where the old one
 * was (by the local KEDA stand-in and by the harness). {@link #kill()} is a SIGKILL; {@link #start()}
 * starts a new process with the same settings. The admin endpoint is read and driven over HTTP.
 */
final class ScalerProcess implements ScalerService {
    static final String SCALER_MAIN = "io.shadowscale.scaler.ScalerMain";

    private final String name;
    private final String classpath;
    private final Path logDir;
    private final Map<String, String> env;
    private final int grpcPort;
    private final int adminPort;
    private final int operatorPort;
    /** The bench's own operator token, new for each run (never a fixed secret in the sources). */
    private final String token = UUID.randomUUID().toString();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<JavaProcess> generations = new ArrayList<>();
    private JavaProcess current;

    ScalerProcess(String classpath, Path logDir, String bootstrapServers, String controlTopic, String stateTopic) {
        this("scaler", classpath, logDir, bootstrapServers, controlTopic, stateTopic, Map.of());
    }

    /**
     * A scaler whose processes are named {@code <name>-<generation>}, with {@code extraEnv} on top of
     * the bench's settings (e.g. leader election on a Lease).
     */
    ScalerProcess(
            String name,
            String classpath,
            Path logDir,
            String bootstrapServers,
            String controlTopic,
            String stateTopic,
            Map<String, String> extraEnv) {
        this.name = name;
        this.classpath = classpath;
        this.logDir = logDir;
        this.grpcPort = freePort();
        this.adminPort = freePort();
        this.operatorPort = freePort();
        Map<String, String> all = new HashMap<>(Map.of(
                "SHADOWSCALE_BOOTSTRAP_SERVERS",
                bootstrapServers,
                "SHADOWSCALE_GRPC_PORT",
                Integer.toString(grpcPort),
                "SHADOWSCALE_ADMIN_PORT",
                Integer.toString(adminPort),
                "SHADOWSCALE_OPERATOR_PORT",
                Integer.toString(operatorPort),
                "SHADOWSCALE_OPERATOR_TOKENS",
                "fault-bench:" + token,
                "SHADOWSCALE_CONTROL_TOPIC",
                controlTopic,
                "SHADOWSCALE_STATE_TOPIC",
                stateTopic));
        all.putAll(extraEnv);
        this.env = Map.copyOf(all);
    }

    /** Starts a scaler process (the first one, or a new one after {@link #kill()}). */
    @Override
    public synchronized ScalerProcess start() {
        if (current != null && current.alive()) {
            throw new IllegalStateException("scaler " + current + " still runs");
        }
        current = JavaProcess.start(name + "-" + (generations.size() + 1), classpath, SCALER_MAIN, env, logDir);
        generations.add(current);
        return this;
    }

    /** SIGKILL of the running scaler. */
    @Override
    public synchronized void kill() {
        if (current != null) {
            current.kill();
        }
    }

    @Override
    public synchronized boolean alive() {
        return current != null && current.alive();
    }

    /** The name its processes are named after ({@code <name>-<generation>}). */
    String name() {
        return name;
    }

    /** The pid of the running scaler process, empty before {@link #start()} and after it exited. */
    synchronized OptionalLong pid() {
        return current != null && current.alive() ? OptionalLong.of(current.pid()) : OptionalLong.empty();
    }

    @Override
    public int grpcPort() {
        return grpcPort;
    }

    /** Lines containing {@code text} over the logs of every scaler process started. */
    @Override
    public synchronized long countInLogs(String text) {
        return generations.stream().mapToLong(p -> p.countInLog(text)).sum();
    }

    /** The pair as the admin endpoint shows it; empty while the scaler is down or does not know the pair. */
    @Override
    public Optional<PairView> pair(PairKey pair) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(uri(pair, ""))
                            .timeout(Duration.ofSeconds(3))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(PairView.parse(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** {@code POST /pairs/{ns}/{name}/<action>} on the operator port, with the bench's token; the body. */
    @Override
    public String post(PairKey pair, String action) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operatorPort + "/pairs/" + pair.namespace()
                                    + "/" + pair.name() + "/" + action))
                            .header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(5))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("POST " + action + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException("POST " + action + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private URI uri(PairKey pair, String suffix) {
        return URI.create("http://127.0.0.1:" + adminPort + "/pairs/" + pair.namespace() + "/" + pair.name() + suffix);
    }

    /** SIGTERM (graceful: the controller stops ticking), SIGKILL after 10 s. */
    @Override
    public synchronized void close() {
        if (current != null) {
            current.terminate(Duration.ofSeconds(10));
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port: " + e, e);
        }
    }
}
