// The Node peer of lab 03's HelloServer, for scripts/compare-node-http.sh: Node's own hello world,
// one process, one JavaScript thread, nothing added.
//
//   node scripts/node/hello-server.js --port 3000 [--host 127.0.0.1]
//
// It prints `listening on http://HOST:PORT` when ready (as HelloServer does; --port 0 lets the kernel
// pick a port, and the line says which) and runs until SIGINT or SIGTERM, which end it the way they
// end any Node process without a handler for them. Its answers differ from HelloServer's only in
// one header: HelloServer adds `Content-Type: text/plain` (26 bytes more per response).
'use strict';
const http = require('http');

const usage = 'usage: node hello-server.js [--port P] [--host H]   (defaults: --port 3000 --host 127.0.0.1)';
let port = 3000;
let host = '127.0.0.1';
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const value = args[i + 1];
  if (args[i] === '--port' && /^\d+$/.test(value ?? '') && Number(value) <= 65535) {
    port = Number(value);
    i++;
  } else if (args[i] === '--host' && value) {
    host = value;
    i++;
  } else {
    console.error(`hello-server.js: bad option '${args[i]}' (${usage})`);
    process.exit(2);
  }
}

const server = http.createServer((req, res) => res.end('Hello, world\n'));
server.on('error', (e) => {
  console.error(`hello-server.js: ${e.message}`);
  process.exit(1);
});
server.listen(port, host, () => console.log(`listening on http://${host}:${server.address().port}`));
