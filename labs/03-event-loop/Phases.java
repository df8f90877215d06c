///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS org.hdrhistogram:HdrHistogram:2.2.2
//SOURCES src/main/java/**/*.java

// Lab 03, step 1: the phases of the event loop, seen through the order in which callbacks run.
//
// Node's event-loop guide has a famous puzzle: setTimeout(fn, 0), setImmediate, process.nextTick and
// queueMicrotask, scheduled together; in which order do they print? The answer is libuv's turn (timers,
// pending, idle/prepare, poll, check, close) plus one rule on top: after EVERY callback, all nextTicks
// run, then all microtasks. This script runs four such programs on our EventLoop, many times each
// (one order is genuinely not fixed, so it tallies), and prints them beside the orders Node's docs
// allow and, when `node` is on the PATH, beside what Node itself prints for the same source.
//
//   PhaseOrder     the four programs, as Node source and as the same calls on EventLoop
//   NodeRunner     runs the Node source when Node is installed (a peer, never a requirement)
//   EventLoop      run(): the turn; invoke(): the drain after every callback (MicrotaskQueue)
//
//   ./workbook run 3                               (or ./jbang labs/03-event-loop/Phases.java)
//   ./workbook run 3 -- --runs 200 --node-runs 0   more runs, without Node
//   ./workbook run 3 --mine                        the same on your TimerHeap and MicrotaskQueue

void main(String[] args) {
    int code = cachetocluster.eventloop.demo.PhasesCommand.run(args);
    if (code != 0) {
        System.exit(code);
    }
}
