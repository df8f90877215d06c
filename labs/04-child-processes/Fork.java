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

// Lab 04, step 1: fork a child JVM and talk to it over the IPC channel.
//
//   const child = fork('child.js'); child.on('message', m => ...); child.send({ hello: 'world' })
//   // child.js: process.on('message', m => process.send({ saw: m }))
//
// ChildProcesses.fork starts "java -cp <this JVM's class path> ChildMain ForkDemo$Child" with C2C_CHANNEL in its
// environment naming a fresh Unix socket (Node's NODE_CHANNEL_FD); the child connects before its main runs. The
// parent sends values of nine Java types and the child answers with what it got, and as which type: the channel
// carries JSON text, one message per line, so a record arrives as a map and an Instant as a string, as a class
// instance and a Date do in Node. Then the child exits with 3 and the parent reports 'exit' (3, null). The child's
// stdout is a pipe of its own: the channel is a separate socket, so printing never corrupts a message.
//
//   ForkDemo         the parent, the child (ForkDemo.Child), the table
//   ChildProcesses   fork, spawn, exec, execFile;  ChildProcess: the events;  Parent: the child's side
//
//   ./workbook run 4                              (or ./jbang labs/04-child-processes/Fork.java)
//   ./workbook run 4 -- --exit-code 0
//   ./workbook run 4 --mine                       the same on your FrameCodec, EventEmitter and RequestTracker
//
// (-XDignore.symbol.file: the child's signal handlers use sun.misc.Signal, the JDK's supported way to handle
// SIGTERM; without it javac warns 16 times that the API is "internal proprietary" when JBang builds a step.)

void main(String[] args) {
    int code = cachetocluster.child.demo.ForkDemo.command(args, System.out, System.err);
    if (code != 0) {
        System.exit(code);
    }
}
