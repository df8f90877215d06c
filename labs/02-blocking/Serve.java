///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.hdrhistogram:HdrHistogram:2.2.2
//SOURCES src/main/java/**/*.java

// Lab 02, step 2: one blocking server, yours to poke at.
//
// WhoWaits measures the three servers for you. This step runs one of them on a port until Ctrl-C,
// so that you can send it whatever you like: curl, a browser, wrk, or Node's own load testers. It
// prints a line a second while requests come in: how many, how many handlers run right now, and
// the most that ever ran at once. The server is BlockingServer, the handler one of Handlers.
//
//   ./workbook run 2 serve -- --mode virtual --handler slow:200ms
//   ./workbook run 2 serve -- --mode single --handler slow:1s       then two curls at once
//   ./workbook run 2 serve -- --mode threads --threads 2 --handler where:10ms
//   ./jbang labs/02-blocking/Serve.java --help

void main(String[] args) {
    int code = cachetocluster.blocking.ServeCommand.run(args);
    if (code != 0) {
        System.exit(code);
    }
}
