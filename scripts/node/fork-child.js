// The Node peer of lab 04's ProbeChild, for scripts/compare-node-fork.sh: a child forked with an IPC channel
// that says hello as soon as it runs, then sends every message it gets straight back (an echo).
//
//   forked by fork-parent.js; run alone it prints a line and exits.
//
// It stays alive while the channel is open (a 'message' listener keeps it referenced) and exits when the
// parent disconnects, as a Node child does.
'use strict';

if (typeof process.send !== 'function') {
  console.error('fork-child.js: not forked with an IPC channel (run fork-parent.js instead)');
  process.exit(2);
}
process.on('message', (message) => process.send(message));
process.send({ hello: process.pid });
