///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS org.hdrhistogram:HdrHistogram:2.2.2
//SOURCES src/main/java/**/*.java

// Lab 03, step 2: Node's hello world, served by our event loop until Ctrl-C.
//
//   require('http').createServer((req, res) => res.end('Hello, world\n')).listen(3000)
//
// One thread, one Selector (epoll on Linux), every connection a channel in it: HttpServer accepts,
// HttpRequestParser reads requests incrementally (keep-alive and pipelining included), Response
// writes through a queue that waits for OP_WRITE when the socket is full. GET / answers
// "Hello, world"; anything else 404. SIGINT or SIGTERM closes the server (idle keep-alive
// connections at once, busy ones after their response), prints how many requests it served, and
// exits with the signal's status (130 or 143), as a Node process without a handler does.
//
// This is THE server the comparison with Node measures: scripts/compare-node-http.sh runs wrk
// against it and against Node's own http hello world, on this machine.
//
//   ./workbook run 3 serve -- --port 3000              (or ./jbang labs/03-event-loop/Serve.java --port 3000)
//   curl -i http://127.0.0.1:3000/
//   wrk -t1 -c50 -d10s http://127.0.0.1:3000/
//   ./workbook run 3 serve --mine -- --port 3000       on your HttpRequestParser (and the rest of your classes)

void main(String[] args) {
    int code = cachetocluster.eventloop.HelloServer.run(args);
    if (code != 0) {
        System.exit(code);
    }
}
