'use strict';
// The stream to the runtime: open, answer, reopen with backoff when it ends.
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const { Processor } = require('./processor');

const DEFAULT_PROTO = path.join(__dirname, '..', '..', '..', 'shadow-group-worker', 'src', 'main', 'proto',
  'shadowscale_sidecar.proto');

function loadService(protoPath = DEFAULT_PROTO) {
  const definition = protoLoader.loadSync(protoPath || DEFAULT_PROTO, {
    keepCase: false,
    longs: String,
    defaults: true,
    oneofs: true,
  });
  return grpc.loadPackageDefinition(definition).shadowscale.sidecar.v1.RecordProcessor;
}

/**
 * Keeps one stream open to the runtime at address. Returns { connected(), close(), processor() }.
 * Backoff between attempts doubles from 50 ms to 1 s.
 */
function connect(Service, address, { log = () => {}, processorFactory = () => new Processor() } = {}) {
  const client = new Service(address, grpc.credentials.createInsecure());
  let call = null;
  let open = false;
  let closed = false;
  let backoff = 50;
  let timer = null;
  let processor = null;

  function reopen(reason) {
    open = false;
    call = null;
    if (closed) {
      return;
    }
    log(`stream to ${address} ended (${reason}); reconnecting in ${backoff} ms`);
    timer = setTimeout(start, backoff);
    backoff = Math.min(1000, backoff * 2);
  }

  function start() {
    if (closed) {
      return;
    }
    processor = processorFactory();
    const current = client.Process();
    call = current;
    let ended = false;
    const end = (reason) => {
      if (!ended) {
        ended = true;
        reopen(reason);
      }
    };
    current.on('data', (message) => {
      if (message.kind === 'welcome') {
        open = true;
        backoff = 50;
        log(`connected to ${address} as worker ${message.welcome.workerId}`);
      }
      let answer;
      try {
        answer = processor.handle(message);
      } catch (err) {
        current.cancel();
        end(err.message);
        return;
      }
      if (answer) {
        current.write(answer);
      }
    });
    current.on('error', (err) => end(err.details || err.message));
    current.on('end', () => end('ended by the runtime'));
  }

  start();
  return {
    connected: () => open,
    processor: () => processor,
    close() {
      closed = true;
      clearTimeout(timer);
      if (call) {
        call.cancel();
      }
      client.close();
    },
  };
}

module.exports = { loadService, connect, DEFAULT_PROTO };
