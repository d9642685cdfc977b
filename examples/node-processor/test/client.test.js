'use strict';
// The client against a fake runtime: a grpc-js server speaking the runtime's side on loopback.
const test = require('node:test');
const assert = require('node:assert/strict');
const grpc = require('@grpc/grpc-js');
const { connect, loadService } = require('../src/client');

const Service = loadService();
const P0 = { topic: 'orders', partition: 0 };

function fakeRuntime() {
  const streams = [];
  const server = new grpc.Server();
  server.addService(Service.service, {
    Process(call) {
      const stream = { call, acks: [], waiters: [] };
      call.on('data', (message) => {
        stream.acks.push(message.ack);
        stream.waiters.splice(0).forEach((wake) => wake());
      });
      call.on('error', () => {});
      streams.push(stream);
      call.write({ welcome: { workerId: 'w-1', outputTopic: 'out', maxUnackedRecords: 10 } });
      streams.waiters?.splice(0).forEach((wake) => wake());
    },
  });
  streams.waiters = [];
  return new Promise((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
      if (err) {
        reject(err);
      } else {
        resolve({ server, port, streams });
      }
    });
  });
}

function until(condition, what, ms = 5000) {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (condition()) {
        resolve();
      } else if (Date.now() > deadline) {
        reject(new Error(`timed out waiting for ${what}`));
      } else {
        setTimeout(check, 5);
      }
    };
    check();
  });
}

function sendBatch(stream, from, count) {
  const records = [];
  for (let i = 0; i < count; i++) {
    const value = Buffer.alloc(16);
    value.writeBigInt64BE(BigInt(from + i), 0);
    records.push({ offset: String(from + i), key: Buffer.from('k'), value, timestampMs: '1', headers: [] });
  }
  stream.call.write({ batch: { partition: P0, records } });
}

test('answers batches with acks and reconnects after the runtime cuts the stream', async () => {
  const runtime = await fakeRuntime();
  const link = connect(Service, `127.0.0.1:${runtime.port}`);
  try {
    await until(() => runtime.streams.length === 1 && link.connected(), 'the first stream');
    const first = runtime.streams[0];
    first.call.write({ started: { partition: P0, offset: '0' } });
    sendBatch(first, 0, 3);
    await until(() => first.acks.length === 1, 'the first ack');
    assert.equal(first.acks[0].nextOffset, '3');
    assert.deepEqual(first.acks[0].outputs.map((o) => o.value.readBigInt64BE(0)), [0n, 1n, 2n]);
    assert.deepEqual(first.acks[0].partition, P0);

    first.call.emit('error', { code: grpc.status.ABORTED, details: 'cut' });
    await until(() => runtime.streams.length === 2, 'a second stream');
    const second = runtime.streams[1];
    await until(() => link.connected(), 'connected again');
    second.call.write({ started: { partition: P0, offset: '3' } });
    sendBatch(second, 3, 2);
    await until(() => second.acks.length === 1, 'the ack on the second stream');
    assert.equal(second.acks[0].nextOffset, '5');
  } finally {
    link.close();
    runtime.server.forceShutdown();
  }
});
