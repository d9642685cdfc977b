package io.shadowscale.worker.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.worker.model.ErrorCounts;
import io.shadowscale.worker.processor.ProcessorContext;
import io.shadowscale.worker.processor.RecordProcessor;
import io.shadowscale.worker.processor.RecordSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ErrorHandlingProcessorTest {
    private static final TopicPartition TP = new TopicPartition("orders", 3);
    private static final String DLQ = "shadowscale.shop.orders.dlq";
    private static final ErrorPolicy DEAD_LETTER =
            new ErrorPolicy(ErrorPolicy.Action.DEAD_LETTER, 3, Duration.ofMillis(100), Duration.ofMillis(1000), DLQ);

    /** Sends "out-<offset>" per record, then throws while {@code failuresLeft} of that offset remain. */
    private static final class Flaky implements RecordProcessor {
        final Map<Long, Integer> failuresLeft = new HashMap<>();
        final List<Long> calls = new ArrayList<>();

        @Override
        public void process(ConsumerRecord<byte[], byte[]> record, RecordSink sink) {
            calls.add(record.offset());
            sink.send(new ProducerRecord<>(
                    "out", record.key(), ("out-" + record.offset()).getBytes(StandardCharsets.UTF_8)));
            Integer left = failuresLeft.get(record.offset());
            if (left != null && left > 0) {
                failuresLeft.put(record.offset(), left - 1);
                throw new IllegalArgumentException("cannot parse record " + record.offset() + " (password=hunter2)");
            }
        }
    }

    private final List<Duration> sleeps = new ArrayList<>();
    private final List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
    private final RecordSink sink = sent::add;

    private ErrorHandlingProcessor decorate(RecordProcessor processor, ErrorPolicy policy, TopicCheck check) {
        ErrorHandlingProcessor decorated = new ErrorHandlingProcessor(
                processor, policy, check, sleeps::add, text -> text.replace("hunter2", "******"));
        decorated.open(new ProcessorContext(
                new PairKey("shop", "orders"), SlotName.GREEN, "green-1", Optional.empty(), Map.of()));
        return decorated;
    }

    private static List<ConsumerRecord<byte[], byte[]>> records(long from, long to) {
        return LongStream.range(from, to)
                .mapToObj(offset -> {
                    RecordHeaders headers = new RecordHeaders();
                    headers.add(new RecordHeader("trace-id", ("t" + offset).getBytes(StandardCharsets.UTF_8)));
                    return new ConsumerRecord<>(
                            TP.topic(),
                            TP.partition(),
                            offset,
                            1_700_000_000_000L + offset,
                            TimestampType.CREATE_TIME,
                            1,
                            1,
                            ("k" + offset).getBytes(StandardCharsets.UTF_8),
                            ("v" + offset).getBytes(StandardCharsets.UTF_8),
                            headers,
                            Optional.empty());
                })
                .toList();
    }

    private List<String> sentValues() {
        return sent.stream()
                .map(r -> r.topic() + ":" + new String(r.value(), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void aBatchThatSucceedsReachesTheSinkOnce() throws Exception {
        Flaky flaky = new Flaky();
        ErrorHandlingProcessor processor = decorate(flaky, DEAD_LETTER, topic -> true);
        processor.processBatch(TP, records(0, 3), sink);
        assertThat(sentValues()).containsExactly("out:out-0", "out:out-1", "out:out-2");
        assertThat(sleeps).isEmpty();
        assertThat(processor.counts()).isEqualTo(ErrorCounts.NONE);
    }

    @Test
    void aRecordThatAlwaysFailsIsRetriedWithDoublingBackoffThenDeadLetteredWithItsContext() throws Exception {
        Flaky flaky = new Flaky();
        flaky.failuresLeft.put(2L, Integer.MAX_VALUE);
        ErrorHandlingProcessor processor = decorate(flaky, DEAD_LETTER, topic -> true);
        processor.processBatch(TP, records(0, 5), sink);

        // the failed batch left nothing behind; taken again record by record, every other record once, in order
        assertThat(sentValues()).containsExactly("out:out-0", "out:out-1", DLQ + ":v2", "out:out-3", "out:out-4");
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(flaky.calls).containsExactly(0L, 1L, 2L, 0L, 1L, 2L, 2L, 2L, 2L, 3L, 4L);
        // the batch attempt, then record 2 four times
        assertThat(processor.counts()).isEqualTo(new ErrorCounts(5, 3, 1));

        ProducerRecord<byte[], byte[]> dead = sent.get(2);
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("k2");
        assertThat(dead.partition()).isNull();
        assertThat(dead.timestamp()).isEqualTo(1_700_000_000_002L);
        assertThat(DeadLetters.header(dead.headers(), "trace-id")).isEqualTo("t2");
        Map<String, String> context = new HashMap<>();
        DeadLetters.contextKeys().forEach(k -> context.put(k, DeadLetters.header(dead.headers(), k)));
        assertThat(context.get(DeadLetters.EXCEPTION_STACKTRACE))
                .startsWith("java.lang.IllegalArgumentException: cannot parse record 2 (password=******)")
                .contains("at io.shadowscale.worker.errors.ErrorHandlingProcessorTest$Flaky.process")
                .doesNotContain("hunter2");
        context.remove(DeadLetters.EXCEPTION_STACKTRACE);
        assertThat(context)
                .isEqualTo(Map.of(
                        "shadowscale.errors.topic", "orders",
                        "shadowscale.errors.partition", "3",
                        "shadowscale.errors.offset", "2",
                        "shadowscale.errors.timestamp", "1700000000002",
                        "shadowscale.errors.attempts", "4",
                        "shadowscale.errors.exception.class.name", "java.lang.IllegalArgumentException",
                        "shadowscale.errors.exception.message", "cannot parse record 2 (password=******)",
                        "shadowscale.errors.pair", "shop/orders",
                        "shadowscale.errors.slot", "green",
                        "shadowscale.errors.worker", "green-1"));
    }

    @Test
    void aRecordThatFailsTwiceIsProcessedAtItsSecondRetryAndNothingOfTheFailedAttemptsIsSent() throws Exception {
        Flaky flaky = new Flaky();
        flaky.failuresLeft.put(7L, 2);
        ErrorHandlingProcessor processor = decorate(flaky, DEAD_LETTER, topic -> true);
        processor.processBatch(TP, records(7, 8), sink);
        assertThat(sentValues()).containsExactly("out:out-7");
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(processor.counts()).isEqualTo(new ErrorCounts(2, 2, 0));
    }

    @Test
    void noRetriesDeadLettersAtTheFirstFailureWithoutWaiting() throws Exception {
        Flaky flaky = new Flaky();
        flaky.failuresLeft.put(0L, 1);
        ErrorHandlingProcessor processor = decorate(
                flaky,
                new ErrorPolicy(ErrorPolicy.Action.DEAD_LETTER, 0, Duration.ofMillis(100), Duration.ofMillis(100), DLQ),
                topic -> true);
        processor.process(records(0, 1).get(0), sink);
        assertThat(sentValues()).containsExactly(DLQ + ":v0");
        assertThat(sleeps).isEmpty();
        assertThat(processor.counts()).isEqualTo(new ErrorCounts(1, 0, 1));
    }

    @Test
    void stopPassesTheExceptionOnAndCountsIt() {
        Flaky flaky = new Flaky();
        flaky.failuresLeft.put(1L, 1);
        ErrorHandlingProcessor processor = decorate(
                flaky,
                new ErrorPolicy(ErrorPolicy.Action.STOP, 3, Duration.ofMillis(100), Duration.ofMillis(1000), DLQ),
                topic -> {
                    throw new AssertionError("stop never looks for a dead-letter topic");
                });
        assertThatThrownBy(() -> processor.processBatch(TP, records(0, 3), sink))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot parse record 1 (password=hunter2)");
        // without the policy's buffer the processor writes straight to the sink, as it always did
        assertThat(sentValues()).containsExactly("out:out-0", "out:out-1");
        assertThat(sleeps).isEmpty();
        assertThat(processor.counts()).isEqualTo(new ErrorCounts(1, 0, 0));
    }

    @Test
    void aMissingDeadLetterTopicStopsTheWorkerRatherThanSkippingTheRecord() {
        Flaky flaky = new Flaky();
        flaky.failuresLeft.put(4L, Integer.MAX_VALUE);
        List<String> checked = new ArrayList<>();
        ErrorHandlingProcessor processor = decorate(flaky, DEAD_LETTER, topic -> checked.add(topic) && false);
        assertThatThrownBy(() -> processor.processBatch(TP, records(4, 5), sink))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot dead-letter orders-3@4: dead-letter topic " + DLQ + " not found; the record failed "
                        + "with java.lang.IllegalArgumentException: cannot parse record 4 (password=******)");
        assertThat(checked).containsExactly(DLQ, DLQ); // at open, and again before giving up
        assertThat(sent).isEmpty();
        assertThat(processor.counts()).isEqualTo(new ErrorCounts(4, 3, 0));
    }

    @Test
    void aDeadLetterTopicCreatedAfterTheStartIsFoundAtTheFirstDeadLetter() throws Exception {
        Flaky flaky = new Flaky();
        flaky.failuresLeft.put(0L, Integer.MAX_VALUE);
        List<Boolean> answers = new ArrayList<>(List.of(false, true));
        ErrorHandlingProcessor processor = decorate(flaky, DEAD_LETTER, topic -> answers.remove(0));
        processor.processBatch(TP, records(0, 1), sink);
        processor.processBatch(TP, records(0, 1), sink);
        assertThat(sentValues()).containsExactly(DLQ + ":v0", DLQ + ":v0");
        assertThat(answers).isEmpty(); // asked twice in all: at open and at the first dead letter
    }

    @Test
    void anInterruptedBackoffStopsTheWorker() {
        Flaky flaky = new Flaky();
        flaky.failuresLeft.put(0L, Integer.MAX_VALUE);
        ErrorHandlingProcessor processor = new ErrorHandlingProcessor(
                flaky,
                DEAD_LETTER,
                topic -> true,
                d -> {
                    throw new InterruptedException("shutting down");
                },
                text -> text);
        processor.open(new ProcessorContext(
                new PairKey("shop", "orders"), SlotName.BLUE, "blue-1", Optional.empty(), Map.of()));
        assertThatThrownBy(() -> processor.processBatch(TP, records(0, 1), sink))
                .isInstanceOf(InterruptedException.class)
                .hasMessage("shutting down");
        assertThat(sent).isEmpty();
        assertThat(Set.of(processor.counts())).containsExactly(new ErrorCounts(1, 0, 0));
    }
}
