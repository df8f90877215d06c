///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS tools.jackson.core:jackson-databind:3.0.3
//DEPS com.kohlschutter.junixsocket:junixsocket-common:2.10.1
//DEPS com.kohlschutter.junixsocket:junixsocket-native-common:2.10.1
//DEPS org.hdrhistogram:HdrHistogram:2.2.2
//DEPS org.knowm.xchart:xchart:3.8.8
//SOURCES src/main/java/**/*.java
//SOURCES ../03-event-loop/src/main/java/**/*.java
//JAVA_OPTIONS --enable-native-access=ALL-UNNAMED
//COMPILE_OPTIONS -XDignore.symbol.file

// Lab 04, step 5: how a child ends, as Node's 'exit' (code, signal) reports it.
//
//   child.kill()            SIGTERM: the JVM runs its shutdown hooks and exits; Node reports (null, 'SIGTERM')
//   child.kill('SIGINT')    the JDK cannot send it (Process.destroy is TERM, destroyForcibly KILL): FFM kill(2)
//   child.kill('SIGKILL')   nothing runs in the child, nothing more is said
//   child.kill('SIGUSR2')   a child with a handler catches it and lives on
//   process.exit(143)       a plain exit, even though 143 = 128 + SIGTERM
//
// kill does not disconnect first (Node #34312), so a child killed politely still says goodbye over the channel.
// The JDK's exitValue() reads 143 for both SIGTERM and exit(143); the toolkit tells them apart (ExitStatus).
//
//   ./workbook run 4 signals

void main(String[] args) {
    int code = cachetocluster.child.demo.Signals.command(args, System.out, System.err);
    if (code != 0) {
        System.exit(code);
    }
}
