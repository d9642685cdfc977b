package io.shadowscale.scaler.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.CutoverStep;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.Partition;
import io.shadowscale.scaler.model.PolicyMemory;
import io.shadowscale.scaler.model.TrafficProfile;
import io.shadowscale.scaler.model.Transition;

/**
 * Encodes a {@link PairState} as one record of the state topic, in protobuf wire format written by
 * hand (no generated code; fields are only ever added, unknown ones are skipped on read):
 *
 * <pre>
 * message PairStateRecord {
 *   uint32 version = 1;            string namespace = 2;        string name = 3;
 *   string phase = 4;              int64 epoch = 5;             int64 command_id = 6;
 *   string active_slot = 7;        int32 active_replicas = 8;   int32 target_replicas = 9;
 *   int64 since_ms = 10;           int64 walk_started_at_ms = 11;  // -1: none
 *   repeated Offset barrier = 12;  repeated Offset fallback_partitions = 13;  // offset unused
 *   int64 fallback_records = 14;   bool reactivate_old = 15;    bool paused = 16;
 *   Memory memory = 17;            string reason = 18;          repeated Transition history = 19;
 *   string cutover_step = 20;      bool planned = 21;           repeated Offset plan = 22;
 *   // 20: a CutoverStep name; missing (an older writer): FENCING or BARRIER from the barrier
 * }
 * message Offset { string topic = 1; int32 partition = 2; int64 offset = 3; }
 * message Memory { double learned_capacity = 1; int32 pending_replicas = 2;
 *                  int64 pending_since_ms = 3; int64 last_resize_at_ms = 4;   // -1: none
 *                  Profile profile = 10; }
 * message Profile { int64 first_seen_ms = 1;  // -1: none
 *                   int64 slot = 2; double slot_sum = 3; int32 slot_count = 4;
 *                   repeated float daily = 5 [packed]; repeated float weekly = 6 [packed];  // -1: never observed
 *                   double level = 7; }
 * message Transition { int64 at_ms = 1; int64 epoch = 2; string from = 3; string to = 4; string reason = 5; }
 * </pre>
 */
public final class StateCodec {
    /** Layout version written. */
    public static final int VERSION = 1;

    private StateCodec() {
    }

    public static byte[] encode(PairState s) {
        return write(out -> {
            out.writeUInt32(1, VERSION);
            out.writeString(2, s.pair().namespace());
            out.writeString(3, s.pair().name());
            out.writeString(4, s.phase().name());
            out.writeInt64(5, s.epoch());
            out.writeInt64(6, s.commandId());
            out.writeString(7, s.active().label());
            out.writeInt32(8, s.activeReplicas());
            out.writeInt32(9, s.targetReplicas());
            out.writeInt64(10, s.since().toEpochMilli());
            out.writeInt64(11, millis(s.walkStartedAt()));
            for (Map.Entry<Partition, Long> e : s.sortedBarrier().entrySet()) {
                out.writeByteArray(12, offset(e.getKey(), e.getValue()));
            }
            for (Partition p : s.fallbackPartitions().stream().sorted().toList()) {
                out.writeByteArray(13, offset(p, 0));
            }
            out.writeInt64(14, s.fallbackRecords());
            out.writeBool(15, s.reactivateOld());
            out.writeBool(16, s.paused());
            PolicyMemory m = s.memory();
            out.writeByteArray(17, write(o -> {
                o.writeDouble(1, m.learnedCapacity());
                o.writeInt32(2, m.pendingReplicas());
                o.writeInt64(3, millis(m.pendingSince()));
                o.writeInt64(4, millis(m.lastResizeAt()));
                o.writeByteArray(10, profile(m.profile()));
            }));
            out.writeString(18, s.reason());
            for (Transition t : s.history()) {
                out.writeByteArray(19, write(o -> {
                    o.writeInt64(1, t.at().toEpochMilli());
                    o.writeInt64(2, t.epoch());
                    o.writeString(3, t.from().name());
                    o.writeString(4, t.to().name());
                    o.writeString(5, t.reason());
                }));
            }
            out.writeString(20, s.step().name());
            out.writeBool(21, s.planned());
            for (Map.Entry<Partition, Long> e : new TreeMap<>(s.plan()).entrySet()) {
                out.writeByteArray(22, offset(e.getKey(), e.getValue()));
            }
        });
    }

    /**
     * Decodes a record.
     *
     * @throws IllegalArgumentException naming what is wrong, for a malformed or newer record
     */
    public static PairState decode(byte[] bytes) {
        try {
            return read(bytes);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("malformed pair state record: " + e.getMessage(), e);
        }
    }

    private static PairState read(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        int version = 0;
        String namespace = null;
        String name = null;
        String phase = null;
        long epoch = 0;
        long commandId = 0;
        String active = null;
        int activeReplicas = 0;
        int targetReplicas = 0;
        long since = 0;
        long walkStarted = -1;
        Map<Partition, Long> barrier = new HashMap<>();
        Set<Partition> fallback = new HashSet<>();
        long fallbackRecords = 0;
        boolean reactivate = false;
        boolean paused = false;
        PolicyMemory memory = PolicyMemory.INITIAL;
        String reason = "";
        List<Transition> history = new ArrayList<>();
        String step = null;
        boolean planned = false;
        Map<Partition, Long> plan = new HashMap<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> version = in.readUInt32();
                case 2 -> namespace = in.readString();
                case 3 -> name = in.readString();
                case 4 -> phase = in.readString();
                case 5 -> epoch = in.readInt64();
                case 6 -> commandId = in.readInt64();
                case 7 -> active = in.readString();
                case 8 -> activeReplicas = in.readInt32();
                case 9 -> targetReplicas = in.readInt32();
                case 10 -> since = in.readInt64();
                case 11 -> walkStarted = in.readInt64();
                case 12 -> {
                    Object[] o = readOffset(in.readByteArray());
                    barrier.put((Partition) o[0], (Long) o[1]);
                }
                case 13 -> fallback.add((Partition) readOffset(in.readByteArray())[0]);
                case 14 -> fallbackRecords = in.readInt64();
                case 15 -> reactivate = in.readBool();
                case 16 -> paused = in.readBool();
                case 17 -> memory = readMemory(in.readByteArray());
                case 18 -> reason = in.readString();
                case 19 -> history.add(readTransition(in.readByteArray()));
                case 20 -> step = in.readString();
                case 21 -> planned = in.readBool();
                case 22 -> {
                    Object[] o = readOffset(in.readByteArray());
                    plan.put((Partition) o[0], (Long) o[1]);
                }
                default -> in.skipField(tag);
            }
        }
        if (version < 1 || version > VERSION) {
            throw new IllegalArgumentException("version " + version + ", this controller reads 1.." + VERSION);
        }
        PairPhase pairPhase = PairPhase.valueOf(phase);
        CutoverStep cutover = step != null ? CutoverStep.fromName(step)
                : pairPhase != PairPhase.CUTTING_OVER ? CutoverStep.NONE
                : barrier.isEmpty() ? CutoverStep.FENCING : CutoverStep.BARRIER;
        return new PairState(new PairKey(namespace, name), pairPhase, epoch, commandId,
                SlotName.parse(active), activeReplicas, targetReplicas, Instant.ofEpochMilli(since), instant(walkStarted),
                cutover, planned, plan, barrier, fallback, fallbackRecords, reactivate, paused, memory, reason, history);
    }

    private static byte[] offset(Partition p, long offset) {
        return write(o -> {
            o.writeString(1, p.topic());
            o.writeInt32(2, p.partition());
            o.writeInt64(3, offset);
        });
    }

    private static Object[] readOffset(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String topic = "";
        int partition = 0;
        long offset = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> topic = in.readString();
                case 2 -> partition = in.readInt32();
                case 3 -> offset = in.readInt64();
                default -> in.skipField(tag);
            }
        }
        return new Object[] {new Partition(topic, partition), offset};
    }

    private static PolicyMemory readMemory(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        double capacity = 0;
        int pending = 0;
        long pendingSince = -1;
        long lastResize = -1;
        TrafficProfile profile = TrafficProfile.EMPTY;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> capacity = in.readDouble();
                case 2 -> pending = in.readInt32();
                case 3 -> pendingSince = in.readInt64();
                case 4 -> lastResize = in.readInt64();
                case 10 -> profile = readProfile(in.readByteArray());
                default -> in.skipField(tag);
            }
        }
        return new PolicyMemory(capacity, pending, instant(pendingSince), instant(lastResize), profile);
    }

    private static byte[] profile(TrafficProfile p) {
        return write(o -> {
            o.writeInt64(1, millis(p.firstSeen()));
            o.writeInt64(2, p.slot());
            o.writeDouble(3, p.slotSum());
            o.writeInt32(4, p.slotCount());
            o.writeByteArray(5, floats(p.daily()));
            o.writeByteArray(6, floats(p.weekly()));
            o.writeDouble(7, p.level());
        });
    }

    private static byte[] floats(float[] values) {
        return write(o -> {
            for (float v : values) {
                o.writeFloatNoTag(v);
            }
        });
    }

    private static TrafficProfile readProfile(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        long firstSeen = -1;
        long slot = -1;
        double sum = 0;
        int count = 0;
        float[] daily = TrafficProfile.EMPTY.daily();
        float[] weekly = TrafficProfile.EMPTY.weekly();
        double level = 1;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> firstSeen = in.readInt64();
                case 2 -> slot = in.readInt64();
                case 3 -> sum = in.readDouble();
                case 4 -> count = in.readInt32();
                case 5 -> daily = readFloats(in.readByteArray(), TrafficProfile.DAY_SLOTS);
                case 6 -> weekly = readFloats(in.readByteArray(), TrafficProfile.WEEK_SLOTS);
                case 7 -> level = in.readDouble();
                default -> in.skipField(tag);
            }
        }
        return TrafficProfile.of(instant(firstSeen), slot, sum, count, daily, weekly, level);
    }

    private static float[] readFloats(byte[] bytes, int expected) throws IOException {
        if (bytes.length != expected * Float.BYTES) {
            throw new IllegalArgumentException("profile slots: expected " + expected + " floats, got " + bytes.length + " bytes");
        }
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        float[] values = new float[expected];
        for (int i = 0; i < expected; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    private static Transition readTransition(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        long at = 0;
        long epoch = 0;
        String from = null;
        String to = null;
        String reason = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> at = in.readInt64();
                case 2 -> epoch = in.readInt64();
                case 3 -> from = in.readString();
                case 4 -> to = in.readString();
                case 5 -> reason = in.readString();
                default -> in.skipField(tag);
            }
        }
        return new Transition(Instant.ofEpochMilli(at), epoch, PairPhase.valueOf(from), PairPhase.valueOf(to), reason);
    }

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long millis(Instant t) {
        return t == null ? -1 : t.toEpochMilli();
    }

    private static Instant instant(long ms) {
        return ms < 0 ? null : Instant.ofEpochMilli(ms);
    }
}
