// Connections per worker, for scripts/compare-node-cluster.sh: opens N short connections (one GET / each,
// a new TCP connection every time: agent false, Connection: close) from C concurrent clients, and counts
// which worker answered, from the body (`worker <id> pid <pid>`, the same for the Java and the Node cluster).
//
//   node scripts/node/count-workers.js --port 3000 [--connections 2000] [--concurrency 4]
//
// Prints one line per worker, `worker <id> <count>`, sorted by id; failed requests as `failed <count>`.
// A client, not a server: it measures the distribution the server side produced, nothing else.
'use strict';
const http = require('http');

const usage = 'usage: node count-workers.js --port P [--connections N] [--concurrency C] [--host H]';
let port = null;
let total = 2000;
let concurrency = 4;
let host = '127.0.0.1';
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const value = args[i + 1];
  const number = /^\d+$/.test(value ?? '') ? Number(value) : NaN;
  if (args[i] === '--port' && number <= 65535) port = number;
  else if (args[i] === '--connections' && number >= 1) total = number;
  else if (args[i] === '--concurrency' && number >= 1) concurrency = number;
  else if (args[i] === '--host' && value) host = value;
  else {
    console.error(`count-workers.js: bad option '${args[i]}' (${usage})`);
    process.exit(2);
  }
}
if (port === null) {
  console.error(`count-workers.js: --port is required (${usage})`);
  process.exit(2);
}

const counts = new Map();
let failed = 0;
let started = 0;

function one() {
  return new Promise((resolve) => {
    const req = http.get({ host, port, path: '/', agent: false, headers: { Connection: 'close' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => {
        const m = /^worker (\d+) /.exec(body);
        if (res.statusCode === 200 && m) counts.set(Number(m[1]), (counts.get(Number(m[1])) || 0) + 1);
        else failed++;
        resolve();
      });
    });
    req.setTimeout(10000, () => req.destroy(new Error('timeout')));
    req.on('error', () => { failed++; resolve(); });
  });
}

async function client() {
  while (started < total) {
    started++;
    await one();
  }
}

Promise.all(Array.from({ length: concurrency }, client)).then(() => {
  for (const id of [...counts.keys()].sort((a, b) => a - b)) console.log(`worker ${id} ${counts.get(id)}`);
  if (failed) console.log(`failed ${failed}`);
});
