package io.shadowscale.testkit.broker;

import io.shadowscale.localkafka.LocalKafka;

/** Local broker set-ups the tests share. */
public final class TestBrokers {
    private TestBrokers() {}

    /**
     * A local broker whose consumer groups heartbeat every 500 ms (the broker default is 5 s), so
     * that group joins and partition moves of a test take a second rather than ten.
     */
    public static LocalKafka.Builder fastGroups() {
        return LocalKafka.builder()
                .brokerProperty("group.consumer.heartbeat.interval.ms", "500")
                .brokerProperty("group.consumer.min.heartbeat.interval.ms", "500");
    }
}
