package io.shadowscale.bench.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Samples the resources of the soak's processes (Linux only, from {@code /proc}): live threads
 * ({@code Threads:} of {@code /proc/<pid>/status}), open file descriptors (entries of
 * {@code /proc/<pid>/fd}) and the heap used after the last garbage collection. The child JVMs write
 * that last figure into a GC log of their own ({@link #gcLogOption}, one line per collection,
 * {@code 52M->13M(185M)}), which is read from where the previous sample stopped: nothing is asked of
 * the process, no collection is forced. The bench JVM's own figure comes from {@link OwnHeapAfterGc}.
 */
final class ResourceSampler {
    /** {@code GC(7) Pause Young (Allocation Failure) 52M->13M(185M) 4.1ms}: before, after, capacity. */
    private static final Pattern GC_LINE =
            Pattern.compile("GC\\(\\d+\\) .*?(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private static final Pattern THREADS = Pattern.compile("(?m)^Threads:\\s+(\\d+)\\s*$");
    private static final Path PROC = Path.of("/proc");

    /** A process to sample: the chart line it is drawn on, its pid, and whether it is this JVM. */
    record Target(String line, long pid, boolean self) {}

    /**
     * One sample of one process.
     *
     * @param seconds since the soak started
     * @param line the chart line ({@code scaler}, {@code bench}, {@code blue 1}, ...)
     * @param pid the process
     * @param heapMib heap used after the last collection, MiB; NaN before the first one
     * @param threads live threads
     * @param fds open file descriptors
     */
    record Sample(double seconds, String line, long pid, double heapMib, int threads, int fds) {}

    private final Path gcLogDir;
    private final Supplier<List<Target>> targets;
    private final DoubleSupplier ownHeapMib;
    private final Map<Long, GcLogTail> tails = new HashMap<>();

    /**
     * @param gcLogDir where the child JVMs write {@code gc-<pid>.log} ({@link #gcLogOption})
     * @param targets the processes to sample, asked at every sample
     * @param ownHeapMib this JVM's heap after its last collection, MiB
     */
    ResourceSampler(Path gcLogDir, Supplier<List<Target>> targets, DoubleSupplier ownHeapMib) {
        this.gcLogDir = gcLogDir;
        this.targets = targets;
        this.ownHeapMib = ownHeapMib;
    }

    /**
     * The JVM option that makes a child JVM log each collection into {@code dir/gc-<pid>.log} (the
     * JVM expands {@code %p}); set through {@code JDK_JAVA_OPTIONS}, which the {@code java} launcher reads.
     */
    static String gcLogOption(Path dir) {
        return "-Xlog:gc:file=" + dir.toAbsolutePath() + "/gc-%p.log";
    }

    /** One sample of every target that is still running, at {@code seconds}. */
    synchronized List<Sample> sample(double seconds) {
        List<Sample> samples = new ArrayList<>();
        for (Target t : targets.get()) {
            OptionalInt threads = threads(t.pid());
            OptionalInt fds = fds(t.pid());
            if (threads.isEmpty() || fds.isEmpty()) {
                continue; // exited in between
            }
            double heap = t.self()
                    ? ownHeapMib.getAsDouble()
                    : tails.computeIfAbsent(t.pid(), pid -> new GcLogTail(gcLogDir.resolve("gc-" + pid + ".log")))
                            .read();
            samples.add(new Sample(seconds, t.line(), t.pid(), heap, threads.getAsInt(), fds.getAsInt()));
        }
        return samples;
    }

    /** Live threads of {@code pid}, empty if it is gone. */
    static OptionalInt threads(long pid) {
        try {
            return threadsOf(Files.readString(PROC.resolve(Long.toString(pid)).resolve("status")));
        } catch (IOException | UncheckedIOException e) {
            return OptionalInt.empty();
        }
    }

    /** The {@code Threads:} figure of a {@code /proc/<pid>/status} text. */
    static OptionalInt threadsOf(String status) {
        Matcher m = THREADS.matcher(status);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** Open file descriptors of {@code pid}, empty if it is gone. */
    static OptionalInt fds(long pid) {
        try (Stream<Path> fds = Files.list(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
            return OptionalInt.of((int) fds.count());
        } catch (IOException | UncheckedIOException e) {
            return OptionalInt.empty();
        }
    }

    /** The heap after the collection a unified-logging {@code gc} line reports, MiB; empty for other lines. */
    static OptionalDouble heapAfterGcMib(String line) {
        Matcher m = GC_LINE.matcher(line);
        if (!m.find()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Long.parseLong(m.group(3)) * mibPer(m.group(4)));
    }

    private static double mibPer(String unit) {
        return switch (unit) {
            case "K" -> 1.0 / 1024;
            case "M" -> 1;
            default -> 1024;
        };
    }

    /** A GC log read on from where the last read stopped; remembers the last figure. */
    static final class GcLogTail {
        private final Path file;
        private long position;
        private String partial = "";
        private double lastMib = Double.NaN;

        GcLogTail(Path file) {
            this.file = file;
        }

        /** Reads what was appended since the last call; the heap after the last collection logged, NaN if none. */
        double read() {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                if (channel.size() < position) {
                    position = 0; // rotated
                    partial = "";
                }
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size() - position, 1 << 20));
                while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
                    // fills the buffer
                }
                position += buffer.position();
                String text = partial + new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
                int end = text.lastIndexOf('\n');
                partial = text.substring(end + 1);
                for (String line : text.substring(0, end + 1).split("\n")) {
                    heapAfterGcMib(line).ifPresent(v -> lastMib = v);
                }
            } catch (NoSuchFileException e) {
                // not written yet
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file + ": " + e, e);
            }
            return lastMib;
        }
    }
}
