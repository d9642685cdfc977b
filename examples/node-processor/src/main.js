'use strict';
// The Node.js example application beside the Shadowscale worker runtime in sidecar mode. It
// connects to the runtime on loopback, answers every batch with an ack carrying the transformed
// records, and reconnects (with backoff) whenever the stream ends: the runtime sends the records
// it got no ack for again, after a new PartitionStarted.
//
//   SHADOWSCALE_SIDECAR_ADDRESS   the runtime's address (default 127.0.0.1:9191)
//   SHADOWSCALE_SIDECAR_PROTO     the protocol file (default: the worker module's, see client.js)
//   SHADOWSCALE_APP_HTTP_PORT     port of /healthz and /readyz (ready: stream open); unset: none
const http = require('node:http');
const { connect, loadService } = require('./client');

function main(env = process.env) {
  const address = env.SHADOWSCALE_SIDECAR_ADDRESS || '127.0.0.1:9191';
  const service = loadService(env.SHADOWSCALE_SIDECAR_PROTO);
  const link = connect(service, address, { log: (line) => console.log(line) });
  if (env.SHADOWSCALE_APP_HTTP_PORT) {
    http.createServer((req, res) => {
      const ok = req.url === '/healthz' || (req.url === '/readyz' && link.connected());
      res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' });
      res.end(ok ? 'ok\n' : 'not connected to the runtime\n');
    }).listen(Number(env.SHADOWSCALE_APP_HTTP_PORT));
  }
  const stop = () => {
    link.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
