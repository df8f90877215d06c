// The Node side of scripts/compare-node-fork.sh: child_process.fork measured the way lab 04's ForkSideBySide
// measures ChildProcesses.fork, so the two can be printed side by side.
//
//   node scripts/node/fork-parent.js ipc [--count N] [--warmup N] [--windows W,W...]
//       One child (fork-child.js, an echo). First the warm-up round trips, with the largest window; then for
//       each window W (1 by default), N round trips, W at a time: send {n: i}, and as each echo arrives send
//       the next from the 'message' listener. Each round trip is timed from its send to its echo's arrival.
//       Prints, one line per window: ipc count=N window=W seconds=S roundtrips_per_s=R p50_us=A p99_us=B max_us=C cpu_us_per_rt=U
//       (U: CPU time of both processes during the measured round trips, per round trip; -1 without /proc)
//   node scripts/node/fork-parent.js startup [--runs N] [--warmup N]
//       N forks, one after the other: from the fork() call to the child's first message (its hello) arriving
//       in the parent's 'message' listener; then disconnect and wait for the child's exit.
//       Prints: startup runs=N median_ms=A p90_ms=B min_ms=C samples=a,b,c
//
// Serialization is Node's default, 'json': one JSON text per line, as lab 04's channel frames it.
'use strict';
const { fork } = require('child_process');
const fs = require('fs');
const path = require('path');

const usage = 'usage: node fork-parent.js ipc [--count N] [--warmup N] [--windows W,W...] | startup [--runs N] [--warmup N]';
const child = path.join(__dirname, 'fork-child.js');
const [mode, ...rest] = process.argv.slice(2);
const options = { count: 100000, warmup: 10000, runs: 10, windows: [1] };
for (let i = 0; i < rest.length; i += 2) {
  const name = rest[i].replace(/^--/, '');
  const value = rest[i + 1];
  const valid = name === 'windows' ? /^[1-9]\d{0,5}(,[1-9]\d{0,5})*$/.test(value ?? '')
    : /^\d+$/.test(value ?? '') && (name === 'warmup' || Number(value) >= 1);
  if (!(name in options) || !valid) {
    console.error(`fork-parent.js: bad option '${rest[i]}${value === undefined ? '' : ' ' + value}' (${usage})`);
    process.exit(2);
  }
  options[name] = name === 'windows' ? value.split(',').map(Number) : Number(value);
}
const largest = Math.max(...options.windows);
if (largest > options.count) {
  console.error(`fork-parent.js: a window (${largest}) cannot exceed --count (${options.count})`);
  process.exit(2);
}
if (mode !== 'ipc' && mode !== 'startup') {
  console.error(`fork-parent.js: no mode '${mode ?? ''}' (${usage})`);
  process.exit(2);
}

// The value at rank ceil(p/100 * n) of the sorted samples (nearest rank), as lab 04's Stats does.
function percentile(sorted, p) {
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))];
}

// A forked child, ready: resolves with it once its hello has arrived.
function forkOne() {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const c = fork(child, [], { serialization: 'json' });
    c.once('error', reject);
    c.once('message', () => resolve({ child: c, ms: Number(process.hrtime.bigint() - start) / 1e6 }));
  });
}

function closeOne(c) {
  return new Promise((resolve) => {
    c.once('exit', resolve);
    c.disconnect();
  });
}

// count round trips, window at a time; returns the latencies in nanoseconds and the elapsed time.
function roundTrips(c, count, window) {
  return new Promise((resolve) => {
    const latencies = new Float64Array(count);
    const sentAt = new Array(count);
    let received = 0;
    let sent = 0;
    const sendNext = () => {
      if (sent < count) {
        sentAt[sent] = process.hrtime.bigint();
        c.send({ n: sent++ });
      }
    };
    const start = process.hrtime.bigint();
    const onMessage = (message) => {
      const now = process.hrtime.bigint();
      latencies[received++] = Number(now - sentAt[message.n]);
      if (received === count) {
        c.off('message', onMessage);
        resolve({ latencies, seconds: Number(now - start) / 1e9 });
        return;
      }
      sendNext();
    };
    c.on('message', onMessage);
    for (let i = 0; i < window; i++) sendNext();
  });
}

// CPU microseconds (user + system, all threads) used so far by process pid, from /proc; null without it.
const ticksPerSecond = 100; // USER_HZ: 100 on every Linux that Node runs on (sysconf(_SC_CLK_TCK))
function cpuMicros(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / ticksPerSecond;
  } catch {
    return null;
  }
}

async function ipc() {
  const { child: c } = await forkOne();
  if (options.warmup > 0) await roundTrips(c, options.warmup, Math.min(largest, options.warmup));
  const us = (ns) => (ns / 1000).toFixed(1);
  for (const window of options.windows) {
    const cpuBefore = [cpuMicros(process.pid), cpuMicros(c.pid)];
    const { latencies, seconds } = await roundTrips(c, options.count, window);
    const cpuAfter = [cpuMicros(process.pid), cpuMicros(c.pid)];
    const cpu = cpuBefore.includes(null) || cpuAfter.includes(null) ? -1
      : (cpuAfter[0] - cpuBefore[0] + cpuAfter[1] - cpuBefore[1]) / options.count;
    const sorted = Array.from(latencies).sort((a, b) => a - b);
    console.log(`ipc count=${options.count} window=${window} seconds=${seconds.toFixed(3)} roundtrips_per_s=${Math.round(options.count / seconds)}`
      + ` p50_us=${us(percentile(sorted, 50))} p99_us=${us(percentile(sorted, 99))} max_us=${us(sorted[sorted.length - 1])}`
      + ` cpu_us_per_rt=${cpu.toFixed(1)}`);
  }
  await closeOne(c);
}

async function startup() {
  const samples = [];
  for (let i = 0; i < options.warmup + options.runs; i++) {
    const { child: c, ms } = await forkOne();
    if (i >= options.warmup) samples.push(ms);
    await closeOne(c);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  console.log(`startup runs=${options.runs} median_ms=${median.toFixed(1)} p90_ms=${percentile(sorted, 90).toFixed(1)}`
    + ` min_ms=${sorted[0].toFixed(1)} samples=${samples.map((s) => s.toFixed(1)).join(',')}`);
}

(mode === 'ipc' ? ipc() : startup()).catch((e) => {
  console.error(`fork-parent.js: ${e.message}`);
  process.exit(3);
});
