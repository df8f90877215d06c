// Lab 04 - Child processes and IPC: the classroom walkthrough.
// Run it with the lab's classes on the class path: ./workbook notebook 4
// Every number on the screen is measured live, on the machine in front of you; nothing here checks one. Every child
// it forks it also ends. A fork costs about half a second (a whole JVM starts): the waits below are that, not a hang.

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.stream.Collectors;
import cachetocluster.child.*;
import cachetocluster.child.demo.*;

// "A forked child is a new JVM, and it needs our classes on ITS class path: fork() passes this JVM's java.class.path
//  on. JShell loads the lab's classes through a class loader of its own, so we put their path where fork looks."
String labClassPath() {
    if (ChildProcesses.class.getClassLoader() instanceof java.net.URLClassLoader loader && loader.getURLs().length > 0) {
        return Arrays.stream(loader.getURLs()).map(u -> new File(java.net.URI.create(u.toString())).getPath()).collect(Collectors.joining(File.pathSeparator));
    }
    return System.getProperty("java.class.path");
}
System.setProperty("java.class.path", labClassPath());
ForkOptions quiet() { return new ForkOptions().stdio(Stdio.IGNORE, Stdio.IGNORE, Stdio.INHERIT); }
Object next(BlockingQueue<Object> queue) throws InterruptedException {
    Object message = queue.poll(30, TimeUnit.SECONDS);
    if (message == null) throw new IllegalStateException("the child said nothing for 30 s");
    return message;
}

// "Node: const child = fork('child.js'). A new process with its own memory, and an IPC channel to it. Here the
//  child runs ForkDemo.Child: it says hello with its pid, and answers every message with what it got."
BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
List<String> childStdout = Collections.synchronizedList(new ArrayList<>());
ChildProcess child = null;
{
    long start = System.nanoTime();
    child = ChildProcesses.fork(ForkDemo.Child.class, List.of(), new ForkOptions().stdio(Stdio.IGNORE, Stdio.PIPE, Stdio.INHERIT));
    child.onMessage(inbox::add);
    child.onStdoutLine(childStdout::add);
    Object hello = next(inbox);
    IO.println("we are pid " + ProcessHandle.current().pid() + "; the child said " + hello + " after " + (System.nanoTime() - start) / 1_000_000 + " ms");
}

// "Half a second or more for a hello: a JVM starting, loading classes, connecting the channel. `node -e 0` takes
//  under a tenth of a second. (The lab sheet's start-up section measures where the time goes, and what helps.)
//  What did we run? The same java as ours, our class path, a small launcher, and the child's main class."
child.spawnargs().stream().map(a -> a.length() > 60 ? "<" + a.length() + " characters: the class path>" : a).forEach(a -> IO.println("  " + a));

// "Messages go both ways. child.send(obj) here, process.send(obj) there. Watch the types: what travels is JSON text,
//  so a record leaves as an object and arrives as a map, and a long that fits in an int arrives as an Integer. A
//  class instance arrives in Node as a plain object, and a Date as a string, for the same reason."
for (Object sample : List.<Object>of("héllo ✓", 5L, new ForkDemo.Point(3, 4), java.time.Instant.EPOCH)) {
    child.send(sample);
    IO.println("  sent " + sample + " (" + sample.getClass().getSimpleName() + ")  ->  child got " + next(inbox));
}

// "Why JSON and newlines? The channel is a Unix socket: a byte stream with no message boundaries. Node writes
//  JSON.stringify(message) + '\n', and the reader splits on newlines. Here is one frame, as bytes on the wire:"
ByteBuffer frame = FrameCodec.encode(Map.of("cmd", "hello", "text", "héllo ✓"));
IO.println(StandardCharsets.UTF_8.decode(frame.duplicate()).toString().replace("\n", "\\n") + "   (" + frame.remaining() + " bytes: é is 2, ✓ is 3)");

// "A read may return half a frame, or three and a bit. The decoder (your exercise 1, tasks 1-3) keeps the
//  incomplete rest, and a bad frame costs only itself. Cut this frame after 9 bytes, then send garbage and a good one."
FrameCodec codec = new FrameCodec();
byte[] bytes = Arrays.copyOf(frame.array(), frame.remaining());
IO.println("read 1: " + codec.decode(ByteBuffer.wrap(bytes, 0, 9)) + ", holding " + codec.bufferedBytes() + " bytes");
IO.println("read 2: " + codec.decode(ByteBuffer.wrap(bytes, 9, bytes.length - 9)));
IO.println("read 3: " + codec.decode(ByteBuffer.wrap("{\"broken\":\n[1,2]\n".getBytes(StandardCharsets.UTF_8))));

// "The child printed all along, to ITS stdout, a pipe we read. The channel is a separate socket (not stdout, as in
//  some IPC schemes), so a stray println can never corrupt a message. Now ask it to exit with 3."
{
    child.send(Map.of("cmd", "exit", "code", 3));
    Exit exit = child.closed().get(30, TimeUnit.SECONDS);
    childStdout.forEach(line -> IO.println("  [child stdout] " + line));
    IO.println("'exit' (code, signal) = (" + exit.code() + ", " + exit.signal() + "), exitCode " + child.exitCode() + ", signalCode " + child.signalCode());
}

// "Its own memory: one static counter, two JVMs. The parent adds 10 per round; the child adds 1 per message,
//  twice per round, to ITS copy of the same field. No shared variable, no shared cache, no shared singleton."
SeparateHeaps.print(SeparateHeaps.run(3, 10, 2), System.out);

// "Ending a child. kill() is SIGTERM: a JVM runs its shutdown hooks, and since kill does not disconnect first
//  (Node #34312), a hook can still say goodbye over the channel. SIGKILL leaves no time for anything."
for (Signal signal : List.of(Signal.SIGTERM, Signal.SIGKILL)) {
    BlockingQueue<Object> said = new LinkedBlockingQueue<>();
    ChildProcess victim = ChildProcesses.fork(Signals.Child.class, List.of(), quiet());
    victim.onMessage(said::add);
    IO.println("  child " + victim.pid() + " ready: " + next(said));
    victim.kill(signal);
    Exit exit = victim.exited().get(30, TimeUnit.SECONDS);
    IO.println("  " + signal + ": 'exit' (" + exit.code() + ", " + exit.signal() + "), JDK exitValue " + victim.process().exitValue() + ", said after the signal: " + said);
}

// "Request and reply. send() is fire-and-forget: to get THE answer to a question, number the question and let the
//  answer carry the number back (your exercise 3, the RequestTracker; Node's cluster module does it with seq/ack).
//  Rpc does that over internal C2C_ messages. Offload.Child answers {"n": k} with fib(k)."
ChildProcess fibChild = ChildProcesses.fork(Offload.Child.class, List.of(), quiet());
Rpc rpc = Rpc.over(fibChild);
{
    BlockingQueue<Object> ready = new LinkedBlockingQueue<>();
    fibChild.onMessage(ready::add);
    long start = System.nanoTime();
    next(ready); // wait for it: a request that arrives before the child serves would go unanswered
    Object answer = rpc.request(Map.of("n", 30), Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS);
    IO.println("fib(30) = " + answer + " from pid " + fibChild.pid() + ", " + (System.nanoTime() - start) / 1_000_000 + " ms after the fork");
    List<CompletableFuture<Object>> many = new ArrayList<>();
    for (int n = 20; n < 30; n++) many.add(rpc.request(Map.of("n", n), Duration.ofSeconds(30)));
    IO.println("ten requests in flight at once, each answer matched to its question: " + many.stream().map(CompletableFuture::join).toList());
}
{
    try {
        rpc.request(Map.of("n", 45), Duration.ofMillis(200)).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
        IO.println("fib(45) with a 200 ms timeout: " + e.getCause());
    }
    fibChild.kill(Signal.SIGKILL);
}

// "Why fork at all, when lab 03 had a worker pool? Because computation on the loop thread stalls everyone, and
//  in Node JavaScript has one thread. Lab 03's server, twice: fib(40) on the loop, then in a forked child.
//  Watch GET / and the loop delay (takes about 8 s)."
OffloadCommand.print(Offload.run(new Offload.Settings(40, 2_000, 10)), System.out);

// "And the channel's own speed: ping-pong, one message in flight, round trips timed with HdrHistogram."
PingPong.print(PingPong.run(5_000, 1_000, 0), System.out);

// "exec vs execFile. exec hands a command LINE to /bin/sh; execFile runs a program with an argument LIST. Now
//  imagine the name came from a web form."
String name = "world; echo INJECTED by the shell";
IO.println("exec:     " + ChildProcesses.exec("echo hello " + name, new ExecOptions()).get(30, TimeUnit.SECONDS).stdout().strip().replace("\n", " | "));
IO.println("execFile: " + ChildProcesses.execFile("echo", List.of("hello", name), new ExecOptions()).get(30, TimeUnit.SECONDS).stdout().strip());

// "With exec, the shell read ';' as 'and now run this'. With execFile, no shell parsed anything: the whole name is
//  one argument, quotes and semicolons included. Next: ./workbook run 4, then heaps, offload, ping-pong, signals."
