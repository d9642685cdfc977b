'use strict';
// The example transformation, byte for byte the Java ExampleProcessor's: the input value is a
// sequenced payload (8-byte sequence, 8-byte send time in epoch microseconds, padding, big-endian);
// the output is 32 bytes: sequence, send time, processing time (epoch microseconds) and the
// CRC32C of the whole input value. A value too short to parse gives sequence and send time -1.
const { Crc32c } = require('@aws-crypto/crc32c');

const MIN_SIZE = 16;

function transform(value, nowMicros) {
  const out = Buffer.alloc(32);
  const parsed = value && value.length >= MIN_SIZE;
  out.writeBigInt64BE(parsed ? value.readBigInt64BE(0) : -1n, 0);
  out.writeBigInt64BE(parsed ? value.readBigInt64BE(8) : -1n, 8);
  out.writeBigInt64BE(BigInt(nowMicros), 16);
  const crc = new Crc32c();
  if (value) {
    crc.update(value);
  }
  out.writeBigInt64BE(BigInt(crc.digest() >>> 0), 24);
  return out;
}

/** Epoch microseconds now. */
function nowMicros() {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}

module.exports = { transform, nowMicros };
