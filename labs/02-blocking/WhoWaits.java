///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.hdrhistogram:HdrHistogram:2.2.2
//SOURCES src/main/java/**/*.java

// Lab 02, step 1: who waits when a server blocks?
//
// JavaScript runs on one thread with one call stack. If a request handler could block (sleep, read
// a socket, wait for a database), nothing else would run until it returned: every other client
// would wait. Node's answer is never to block that thread. This step shows the problem it solves,
// with three blocking servers that differ only in how they find a thread for a connection:
//   single       one thread serves one connection at a time (JavaScript's stack, if it could block)
//   threads      a thread per connection, from a fixed pool of platform threads
//   virtual      a virtual thread per connection, which unmounts from its carrier when it blocks
// Each gets the same clients at once (ClosedLoopLoad), first with a handler that WAITS 200 ms,
// then with one that COMPUTES 50 ms, and the table shows wall time, requests/s, the latency
// percentiles, how many handlers the server ran at once, and the prediction of Throughput (the
// lab's exercise) beside them. About 5 s.
//
//   ./workbook run 2                                  (or ./jbang labs/02-blocking/WhoWaits.java)
//   ./workbook run 2 -- --clients 20 --threads 8      other sizes
//   ./workbook run 2 --mine                           predictions from your Throughput.java

void main(String[] args) {
    int code = cachetocluster.blocking.WhoWaitsCommand.run(args);
    if (code != 0) {
        System.exit(code);
    }
}
