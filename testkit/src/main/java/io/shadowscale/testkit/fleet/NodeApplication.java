package io.shadowscale.testkit.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Node.js example application ({@code examples/node-processor}) as a child process beside an
 * in-process worker in sidecar mode: what the application container is to the runtime container
 * in a pod. Its output goes to {@code log} (appended), or nowhere.
 */
public final class NodeApplication implements AutoCloseable {
    private static final Path MAIN = Path.of("examples", "node-processor", "src", "main.js");

    private final Process process;

    private NodeApplication(Process process) {
        this.process = process;
    }

    /**
     * The application's entry script, looked for from the working directory up (the repository
     * root or a module directory); fails naming what is missing.
     */
    public static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path main = dir.resolve(MAIN);
            if (Files.isRegularFile(main)) {
                Path modules = main.getParent().getParent().resolve("node_modules");
                if (!Files.isDirectory(modules)) {
                    throw new IllegalStateException(modules + " missing: run `npm ci` in "
                            + main.getParent().getParent());
                }
                return main;
            }
        }
        throw new IllegalStateException(MAIN + " not found from " + Path.of("").toAbsolutePath() + " up");
    }

    /** Starts {@code node <script>} connecting to the runtime on {@code 127.0.0.1:port}. */
    public static NodeApplication start(Path script, int port, Path log) {
        ProcessBuilder builder = new ProcessBuilder(List.of("node", script.toString()));
        builder.environment().put("SHADOWSCALE_SIDECAR_ADDRESS", "127.0.0.1:" + port);
        builder.redirectErrorStream(true);
        builder.redirectOutput(
                log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            return new NodeApplication(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + script, e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Kills it at once, as a crash or an OOM kill would (SIGKILL). */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM, then SIGKILL after 5 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        waitFor();
    }

    private void waitFor() {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
