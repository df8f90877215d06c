// The Node peer of lab 05's hello cluster, for scripts/compare-node-cluster.sh: Node's own cluster
// module, a primary and N workers sharing one port, each worker answering GET / with a body that
// names it.
//
//   node scripts/node/cluster-hello.js --port 3000 --workers 2 --mode rr|none|reuseport [--host H]
//
// --mode rr is cluster.SCHED_RR (the primary accepts and hands each connection to a worker), none is
// cluster.SCHED_NONE (every worker accepts on the one listening socket the primary made), reuseport
// binds a socket per worker with SO_REUSEPORT (listen({reusePort: true, exclusive: true}); Node
// 22.12 / 23.1 and later: older versions fail with one line, exit 2).
//
// The body is `worker <id> pid <pid>\n`, the same shape as the Java cluster's, so the comparison
// script counts connections per worker the same way for both. The primary prints one line per
// worker online and then `listening on http://HOST:PORT`; SIGINT or SIGTERM to the primary ends the
// workers (they exit when their channel to the primary closes) and the primary.
'use strict';
const cluster = require('cluster');
const http = require('http');

const usage = 'usage: node cluster-hello.js [--port P] [--workers N] [--mode rr|none|reuseport] [--host H]';
const fail = (message) => {
  console.error(`cluster-hello.js: ${message} (${usage})`);
  process.exit(2);
};

let port = 3000;
let workers = require('os').availableParallelism();
let mode = 'rr';
let host = '127.0.0.1';
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const value = args[i + 1];
  switch (args[i]) {
    case '--port':
      if (!/^\d+$/.test(value ?? '') || Number(value) > 65535) fail(`--port needs a number from 0 to 65535`);
      port = Number(value);
      break;
    case '--workers':
      if (!/^\d+$/.test(value ?? '') || Number(value) < 1) fail(`--workers needs a number of at least 1`);
      workers = Number(value);
      break;
    case '--mode':
      if (!['rr', 'none', 'reuseport'].includes(value)) fail(`--mode must be rr, none or reuseport, not '${value}'`);
      mode = value;
      break;
    case '--host':
      if (!value) fail('--host needs an address');
      host = value;
      break;
    default:
      fail(`unknown option '${args[i]}'`);
  }
  i++;
}

// reusePort arrived in 23.1.0 and 22.12.0; on older versions listen() ignores the option silently,
// which would measure a shared handle under the wrong name.
const [major, minor] = process.versions.node.split('.').map(Number);
if (mode === 'reuseport' && !(major > 23 || (major === 23 && minor >= 1) || (major === 22 && minor >= 12))) {
  console.error(`cluster-hello.js: --mode reuseport needs Node 22.12 or 23.1 and later; this is ${process.version}`);
  process.exit(2);
}

if (cluster.isPrimary) {
  // Must be set before the first fork (it is frozen then).
  cluster.schedulingPolicy = mode === 'none' ? cluster.SCHED_NONE : cluster.SCHED_RR;
  let listening = 0;
  cluster.on('online', (w) => console.log(`worker ${w.id} online (pid ${w.process.pid})`));
  cluster.on('listening', (w, address) => {
    if (++listening === workers) console.log(`listening on http://${host}:${address.port} (${workers} workers, ${mode})`);
  });
  cluster.on('exit', (w, code, signal) => {
    if (!w.exitedAfterDisconnect && code !== 0) console.error(`worker ${w.id} died (${signal || code})`);
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      for (const w of Object.values(cluster.workers)) w.process.kill('SIGTERM');
      process.exit(0);
    });
  }
} else {
  const body = `worker ${cluster.worker.id} pid ${process.pid}\n`;
  const server = http.createServer((req, res) => res.end(body));
  server.on('error', (e) => {
    console.error(`cluster-hello.js: worker ${cluster.worker.id}: ${e.message}`);
    process.exit(1);
  });
  const options = { port, host };
  if (mode === 'reuseport') Object.assign(options, { reusePort: true, exclusive: true });
  server.listen(options);
}
