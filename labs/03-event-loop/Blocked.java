///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS org.hdrhistogram:HdrHistogram:2.2.2
//SOURCES src/main/java/**/*.java

// Lab 03, step 4: the same server, with the slow work done in the handler, on the loop thread.
//
//   app.get('/slow', (req, res) => { sleepSync(200); res.end('Sorry for the wait\n') })
//
// (Node has no sleepSync; think of a synchronous database driver, fs.readFileSync on a network disk,
// or, with --work cpu, a big JSON.parse or a bcrypt hash.) While the handler runs, the loop runs
// nothing else: no accept, no read, no timer. /slow requests queue behind each other, and the probe's
// GET /, which needs a few microseconds of work, waits for whole slow handlers. The DelayMonitor shows
// both sides: its histogram (Node's monitorEventLoopDelay) has a p99 near the stall, and its blocked-
// callback report names the culprit: the HTTP request and the handler that held the loop.
//
//   ./workbook run 3 blocked
//   ./workbook run 3 blocked -- --work cpu             computation instead of a blocking call: the same stall
//   ./workbook run 3 blocked --mine                    the report through your DelayMeter

void main(String[] args) {
    int code = cachetocluster.eventloop.demo.ServerDemoCommand.run(cachetocluster.eventloop.demo.ServerDemo.Mode.BLOCKED, args);
    if (code != 0) {
        System.exit(code);
    }
}
