///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS org.hdrhistogram:HdrHistogram:2.2.2
//SOURCES src/main/java/**/*.java

// Lab 03, step 5: the fix for step 4. The blocking work moves to the worker pool; the loop only
// starts it and, when it is done, sends the answer.
//
//   app.get('/slow', (req, res) => fs.readFile(path, (err, data) => res.end(data)))
//
// loop.workerPool().submit(work, callback) is libuv's uv_queue_work: the work runs on one of 4 pool
// threads (UV_THREADPOOL_SIZE in Node, C2C_THREADPOOL_SIZE here), and the callback is posted back to
// the loop, where it runs like any other callback (Fs.readFile is exactly this, with
// Files.readAllBytes as the work). GET / is fast again and no callback blocks the loop.
//
// Two limits to try: more slow clients than pool threads queue for the pool (--clients 8), and
// --work cpu on a 2-core machine moves the computation off the loop thread but not off the cores
// the loop needs.
//
//   ./workbook run 3 offloaded
//   ./workbook run 3 offloaded -- --clients 8          8 slow requests, 4 pool threads
//   C2C_THREADPOOL_SIZE=8 ./workbook run 3 offloaded -- --clients 8
//   ./workbook run 3 offloaded -- --work cpu

void main(String[] args) {
    int code = cachetocluster.eventloop.demo.ServerDemoCommand.run(cachetocluster.eventloop.demo.ServerDemo.Mode.OFFLOADED, args);
    if (code != 0) {
        System.exit(code);
    }
}
