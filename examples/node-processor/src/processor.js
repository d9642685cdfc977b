'use strict';
// The application's side of the sidecar protocol (shadowscale_sidecar.proto), without any I/O:
// handle() takes one RuntimeMessage and returns the AppMessage to answer with, or null.
// Every Batch is answered with one Ack up to one past its last offset, carrying one output per
// record. Per-partition state lives between PartitionStarted and PartitionStopped.
const { transform, nowMicros } = require('./transform');

function key(ref) {
  return `${ref.topic}-${ref.partition}`;
}

class Processor {
  constructor({ clock = nowMicros } = {}) {
    this.clock = clock;
    this.welcome = null;
    /** partition key -> { startedAt, next } */
    this.partitions = new Map();
    this.records = 0;
  }

  handle(message) {
    switch (message.kind) {
      case 'welcome':
        this.welcome = message.welcome;
        this.partitions.clear();
        return null;
      case 'started':
        this.partitions.set(key(message.started.partition), {
          startedAt: message.started.offset,
          next: message.started.offset,
        });
        return null;
      case 'stopped':
        this.partitions.delete(key(message.stopped.partition));
        return null;
      case 'batch':
        return { ack: this.process(message.batch) };
      default:
        return null;
    }
  }

  process(batch) {
    const state = this.partitions.get(key(batch.partition));
    if (!state) {
      throw new Error(`batch for ${key(batch.partition)}, which was not started`);
    }
    const now = this.clock();
    const outputs = batch.records.map((record) => ({
      key: record.key,
      value: transform(record.value, now),
    }));
    const last = batch.records[batch.records.length - 1];
    state.next = (BigInt(last.offset) + 1n).toString();
    this.records += batch.records.length;
    return { partition: batch.partition, nextOffset: state.next, outputs };
  }
}

module.exports = { Processor };
