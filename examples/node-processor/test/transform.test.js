'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { transform } = require('../src/transform');

function payload(sequence, sentMicros, size) {
  const value = Buffer.alloc(size);
  value.writeBigInt64BE(BigInt(sequence), 0);
  value.writeBigInt64BE(BigInt(sentMicros), 8);
  return value;
}

test('transform writes sequence, send time, processing time and the CRC32C of the value', () => {
  const value = payload(42, 1_700_000_000_000_000, 24);
  const out = transform(value, 1_700_000_000_001_234);
  assert.equal(out.length, 32);
  assert.equal(out.readBigInt64BE(0), 42n);
  assert.equal(out.readBigInt64BE(8), 1_700_000_000_000_000n);
  assert.equal(out.readBigInt64BE(16), 1_700_000_000_001_234n);
  // the Java ExampleProcessor's output for the same value (java.util.zip.CRC32C)
  assert.equal(out.readBigInt64BE(24), 0xa6ba7b4an);
});

test('CRC32C is the Castagnoli check value for "123456789"', () => {
  const out = transform(Buffer.from('123456789', 'ascii'), 0);
  assert.equal(out.readBigInt64BE(24), 0xe3069283n);
});

test('a value too short to parse gives sequence and send time -1', () => {
  const out = transform(Buffer.from([1, 2, 3]), 7);
  assert.deepEqual([out.readBigInt64BE(0), out.readBigInt64BE(8), out.readBigInt64BE(16)], [-1n, -1n, 7n]);
});

test('a null value gives sequence -1 and the CRC32C of nothing', () => {
  const out = transform(null, 7);
  assert.deepEqual([out.readBigInt64BE(0), out.readBigInt64BE(24)], [-1n, 0n]);
});
