package io.shadowscale.e2e.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) on loopback, in a temporary
 * directory, scraping every second: the scaler as a static target and the workers from a file
 * ({@code file_sd}, rewritten by {@link #workers}). Also runs {@code promtool}. Closed, it stops
 * the process it started.
 */
final class LocalPrometheus implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final Process process;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    LocalPrometheus(Path dir, String scalerTarget) throws IOException {
        this.dir = dir;
        workers(List.of());
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: scaler
                    static_configs:
                      - targets: ['%s']
                  - job_name: workers
                    file_sd_configs:
                      - files: ['%s']
                        refresh_interval: 1s
                """.formatted(scalerTarget, dir.resolve("workers.json")));
        this.port = freePort();
        this.process = new ProcessBuilder(
                        binary("prometheus"),
                        "--config.file=" + dir.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--storage.tsdb.retention.time=1h",
                        "--web.listen-address=127.0.0.1:" + port,
                        "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
    }

    /** Replaces the worker targets ({@code host:port} each). */
    synchronized void workers(List<String> targets) throws IOException {
        Path tmp = dir.resolve("workers.json.tmp");
        Files.writeString(tmp, JSON.writeValueAsString(List.of(Map.of("targets", targets))));
        Files.move(
                tmp, dir.resolve("workers.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Whether the server answers {@code /-/ready} with 200. */
    boolean ready() {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(base() + "/-/ready"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The result vector of an instant query (fails on an error answer). */
    List<JsonNode> query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(
                                base() + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError("query " + promql + " answered " + r.statusCode() + ": " + r.body());
        }
        List<JsonNode> result = new ArrayList<>();
        body.path("data").path("result").forEach(result::add);
        return result;
    }

    /** Runs {@code promtool check metrics} on {@code exposition}: its exit code and output. */
    static String checkMetrics(String exposition) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binary("promtool"), "check", "metrics")
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool check metrics did not finish in 30 s");
        }
        return "exit " + p.exitValue() + (out.isEmpty() ? "" : ": " + out);
    }

    static String binary(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, name))) {
                return Path.of(d, name).toString();
            }
        }
        throw new AssertionError(name + " not found on PATH: install Debian's prometheus package (.ci/run does)");
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("prometheus.log"));
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
