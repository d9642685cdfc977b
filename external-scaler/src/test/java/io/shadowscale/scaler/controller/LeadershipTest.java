package io.shadowscale.scaler.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LeadershipTest {

    @Test
    void standaloneLeadsFromStartToClose() throws Exception {
        Leadership leadership = Leadership.standalone();
        List<Boolean> changes = new CopyOnWriteArrayList<>();
        leadership.onChange(changes::add);
        assertThat(leadership.isLeader()).isFalse();

        leadership.start();
        leadership.start();
        assertThat(leadership.isLeader()).isTrue();
        leadership.close();

        assertThat(leadership.isLeader()).isFalse();
        assertThat(changes).containsExactly(true, false);
    }

    @Test
    void alwaysLeadsAtOnceAndTellsALateListener() {
        Leadership leadership = Leadership.always();
        List<Boolean> changes = new CopyOnWriteArrayList<>();

        leadership.onChange(changes::add);

        assertThat(leadership.isLeader()).isTrue();
        assertThat(changes).containsExactly(true);
    }

    @Test
    void aClosedHandleHearsNoMore() throws Exception {
        Leadership leadership = Leadership.standalone();
        List<Boolean> changes = new CopyOnWriteArrayList<>();
        AutoCloseable handle = leadership.onChange(changes::add);

        handle.close();
        leadership.start();

        assertThat(changes).isEmpty();
    }
}
