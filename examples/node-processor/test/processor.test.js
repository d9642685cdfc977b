'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { Processor } = require('../src/processor');
const { transform } = require('../src/transform');

const P0 = { topic: 'orders', partition: 0 };

function record(offset, value) {
  return { offset: String(offset), key: Buffer.from(`k${offset}`), value, timestampMs: '0', headers: [] };
}

test('a batch is acked up to one past its last offset, one transformed output per record', () => {
  const processor = new Processor({ clock: () => 99 });
  processor.handle({ kind: 'welcome', welcome: { workerId: 'w', outputTopic: 'out' } });
  processor.handle({ kind: 'started', started: { partition: P0, offset: '7' } });
  const a = Buffer.alloc(16, 1);
  const b = Buffer.alloc(16, 2);
  const answer = processor.handle({ kind: 'batch', batch: { partition: P0, records: [record(7, a), record(9, b)] } });
  assert.deepEqual(answer, {
    ack: {
      partition: P0,
      nextOffset: '10',
      outputs: [
        { key: Buffer.from('k7'), value: transform(a, 99) },
        { key: Buffer.from('k9'), value: transform(b, 99) },
      ],
    },
  });
  assert.equal(processor.records, 2);
});

test('a batch for a partition that was not started is refused', () => {
  const processor = new Processor();
  assert.throws(() => processor.handle({ kind: 'batch', batch: { partition: P0, records: [record(0, null)] } }),
    { message: 'batch for orders-0, which was not started' });
});

test('a stopped partition forgets its state; welcome forgets every partition', () => {
  const processor = new Processor();
  processor.handle({ kind: 'started', started: { partition: P0, offset: '0' } });
  processor.handle({ kind: 'started', started: { partition: { topic: 'orders', partition: 1 }, offset: '5' } });
  assert.equal(processor.handle({ kind: 'stopped', stopped: { partition: P0 } }), null);
  assert.deepEqual([...processor.partitions.keys()], ['orders-1']);
  processor.handle({ kind: 'welcome', welcome: {} });
  assert.equal(processor.partitions.size, 0);
});
