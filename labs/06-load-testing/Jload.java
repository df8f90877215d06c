///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS tools.jackson.core:jackson-databind:3.0.3
//DEPS tools.jackson.dataformat:jackson-dataformat-yaml:3.0.3
//DEPS org.hdrhistogram:HdrHistogram:2.2.2
//DEPS org.knowm.xchart:xchart:3.8.8
//DEPS com.kohlschutter.junixsocket:junixsocket-common:2.10.1
//DEPS com.kohlschutter.junixsocket:junixsocket-native-common:2.10.1
//SOURCES src/main/java/**/*.java
//SOURCES ../03-event-loop/src/main/java/**/*.java
//SOURCES ../04-child-processes/src/main/java/**/*.java
//SOURCES ../05-cluster/src/main/java/**/*.java
//JAVA_OPTIONS -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED
//COMPILE_OPTIONS -XDignore.symbol.file

// Lab 06, step "jload": jload itself, with your arguments (loadtest's flags; `quick` and `run` are artillery's).
//
//   npx loadtest -n 1000 -c 10 http://127.0.0.1:8080/        is        ./jload -n 1000 -c 10 http://127.0.0.1:8080/
//
// With no arguments it starts a local server that answers in 1 ms and loads it for 3 s (-k -c 10 -t 3), so the
// report has something to show. The exit status is jload's: 0 done, 1 a threshold failed, 2 bad usage, 3 the run
// could not be done.
//
//   JloadStep        the no-argument default;  cachetocluster.load.Jload: the command line
//
//   ./workbook run 6 jload
//   ./workbook run 6 jload -- -n 1000 -c 10 --rps 200 http://127.0.0.1:8080/
//   ./workbook run 6 jload --mine -- ...          the same on your OpenSchedule, LatencyRecorder and ErrorTable

void main(String[] args) throws Exception {
    System.exit(cachetocluster.load.demo.JloadStep.run(args, System.out, System.err));
}
