package io.shadowscale.bench.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceSamplerTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "[1.816s][info][gc] GC(0) Pause Young (Allocation Failure) 17M->4M(61M) 45.826ms | 4",
                "[9.001s][info][gc] GC(12) Pause Full (Allocation Failure) 180M->61M(192M) 210.5ms | 61",
                "[0.5s][info][gc] GC(3) Pause Young (Allocation Failure) 2048K->512K(8192K) 1.2ms | 0.5",
                "[99s][info][gc] GC(40) Pause Young (G1 Evacuation Pause) 3G->1G(4G) 80ms | 1024",
            })
    void readsTheHeapAfterTheCollectionOfAGcLine(String line, double mib) {
        assertThat(ResourceSampler.heapAfterGcMib(line)).isEqualTo(OptionalDouble.of(mib));
    }

    @Test
    void aLineWithoutACollectionHasNoHeapFigure() {
        assertThat(ResourceSampler.heapAfterGcMib("[0.024s][info][gc] Using Serial"))
                .isEmpty();
    }

    @Test
    void readsTheThreadsOfAProcStatus() {
        String status = "Name:\tjava\nState:\tS (sleeping)\nTgid:\t4242\nThreads:\t37\nSigQ:\t0/63541\n";

        assertThat(ResourceSampler.threadsOf(status)).isEqualTo(OptionalInt.of(37));
        assertThat(ResourceSampler.threadsOf("Name:\tjava\n")).isEmpty();
    }

    @Test
    void aGcLogIsReadOnFromWhereTheLastReadStoppedAndKeepsTheLastFigure() throws IOException {
        Path log = dir.resolve("gc-1.log");
        ResourceSampler.GcLogTail tail = new ResourceSampler.GcLogTail(log);
        assertThat(tail.read()).isNaN();

        Files.writeString(
                log, "[0.024s][info][gc] Using Serial\n[1.8s][info][gc] GC(0) Pause Young 17M->4M(61M) 4ms\n");
        assertThat(tail.read()).isEqualTo(4);
        // a line half written is taken once it is complete
        Files.writeString(log, "[2.1s][info][gc] GC(1) Pause Young 21M->", StandardOpenOption.APPEND);
        assertThat(tail.read()).isEqualTo(4);
        Files.writeString(log, "9M(61M) 3ms\n", StandardOpenOption.APPEND);
        assertThat(tail.read()).isEqualTo(9);
        assertThat(tail.read()).isEqualTo(9);
    }

    @Test
    void samplesThreadsAndDescriptorsOfALiveProcessAndSkipsAGoneOne() {
        long self = ProcessHandle.current().pid();
        ResourceSampler sampler = new ResourceSampler(
                dir,
                () -> List.of(
                        new ResourceSampler.Target("bench", self, true),
                        new ResourceSampler.Target("gone", Long.MAX_VALUE, false)),
                () -> 12.5);

        List<ResourceSampler.Sample> samples = sampler.sample(3.0);

        assertThat(samples).hasSize(1);
        ResourceSampler.Sample s = samples.get(0);
        assertThat(s.line()).isEqualTo("bench");
        assertThat(s.pid()).isEqualTo(self);
        assertThat(s.heapMib()).isEqualTo(12.5);
        assertThat(s.threads()).isGreaterThanOrEqualTo(Thread.activeCount());
        assertThat(s.fds()).isPositive();
    }

    @Test
    void theGcLogOptionNamesAFilePerPid() {
        assertThat(ResourceSampler.gcLogOption(Path.of("/r/logs"))).isEqualTo("-Xlog:gc:file=/r/logs/gc-%p.log");
    }
}
