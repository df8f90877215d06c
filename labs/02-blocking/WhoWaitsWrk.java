///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.hdrhistogram:HdrHistogram:2.2.2
//SOURCES src/main/java/**/*.java

// Lab 02, step 3: the same servers under wrk.
//
// WhoWaits's clients each send a few requests and leave. wrk, the C load generator behind most
// published benchmarks, keeps its connections for the whole run and sends the next request on each
// the moment the answer comes. Against a blocking server that gives a connection a thread until it
// closes, that changes who waits: the first connections keep their threads to the end, and the
// others are never answered at all. wrk's latency figures cover only the requests that got an
// answer, so they look fine; the server's own count of answered connections tells the rest.
// Skipped with a message when wrk is not installed (apt-get install wrk). About 10 s.
//
//   ./workbook run 2 wrk
//   ./workbook run 2 wrk -- --connections 50 --duration 5s --handler cpu:20ms

void main(String[] args) {
    int code = cachetocluster.blocking.WrkCommand.run(args);
    if (code != 0) {
        System.exit(code);
    }
}
