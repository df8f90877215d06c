///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS org.hdrhistogram:HdrHistogram:2.2.2
//SOURCES src/main/java/**/*.java

// Lab 03, step 3: a slow endpoint does not make a slow server, as long as it does not hold the loop.
//
// GET /slow answers after 200 ms, but it waits the Node way: the handler only sets a timer and
// returns, and the timer's callback ends the response.
//
//   app.get('/slow', (req, res) => setTimeout(() => res.end('Sorry for the wait\n'), 200))
//
// Meanwhile the loop is free: four clients keep /slow busy and one probe calls GET / every 10 ms.
// Every /slow takes its 200 ms, every / takes a fraction of a millisecond, and the loop's delay
// monitor stays at its 10 ms resolution: the loop was never late. Waiting costs nothing on an event
// loop; only working does (step 4).
//
//   ServerDemo          the server, the clients, the DelayMonitor (Mode.RESPONSIVE here)
//   ServerDemoCommand   the options and the table
//
//   ./workbook run 3 responsive
//   ./workbook run 3 responsive -- --clients 64        waiting scales: 64 concurrent 200 ms waits on one thread

void main(String[] args) {
    int code = cachetocluster.eventloop.demo.ServerDemoCommand.run(cachetocluster.eventloop.demo.ServerDemo.Mode.RESPONSIVE, args);
    if (code != 0) {
        System.exit(code);
    }
}
