package io.shadowscale.bench.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running one main class with a given environment, stdout and stderr appended to a
 * log file. {@link #kill()} is a real SIGKILL ({@link Process#destroyForcibly()}): no shutdown
 * hook runs, nothing is committed or answered. {@link #freeze()} / {@link #thaw()} send SIGSTOP /
 * SIGCONT (the process keeps its sockets but does nothing, as a stalled pod would).
 */
public final class JavaProcess {
    /** Small heap, serial GC, C1 only: many short-lived JVMs share two cores. */
    static final List<String> JVM_OPTIONS = List.of(
            "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Djava.net.preferIPv4Stack=true");

    private final String name;
    private final Process process;
    private final Path log;

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} on {@code classpath} with the parent's environment minus every
     * {@code SHADOWSCALE_*} variable, plus {@code env}.
     */
    public static JavaProcess start(
            String name, String classpath, String mainClass, Map<String, String> env, Path logDir) {
        Objects.requireNonNull(classpath, "classpath");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("SHADOWSCALE_"));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        Path log = logDir.resolve(name + ".log");
        try {
            Files.createDirectories(logDir);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            return new JavaProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name + " (" + mainClass + "): " + e, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, then waits (bounded) until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM (the shutdown hook runs: a worker fences, commits and leaves); SIGKILL after {@code grace}. */
    public void terminate(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(grace)) {
            kill();
        }
    }

    /** SIGSTOP: the process stops running (no heartbeats, no answers) until {@link #thaw()} or a kill. */
    public void freeze() {
        signal("-STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    public void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid()))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("kill " + signal + " " + process.pid() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending " + signal, e);
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Lines of the log containing {@code text} (0 if the log cannot be read). */
    public long countInLog(String text) {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(text)).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return name + "(pid " + process.pid() + (process.isAlive() ? "" : ", exited") + ")";
    }
}
