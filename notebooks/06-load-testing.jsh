// Lab 06 - Load testing with jload: the classroom walkthrough.
// Run it with the lab's classes on the class path: ./workbook notebook 6
// Every number on the screen is measured live, on the machine in front of you, against servers this notebook starts
// on 127.0.0.1 and closes again; nothing here checks one. The whole walkthrough takes about a minute.

import java.util.*;
import cachetocluster.load.*;
import cachetocluster.load.demo.*;
import org.HdrHistogram.Histogram;

// "Node: npx loadtest -n 1000 -c 10 http://localhost:3000/. Here the same run is one call: LoadTest.run(options).
//  First a server to load: answers 'ok' at once, a thread per connection."
DemoServer server = DemoServer.fixed(DemoServer.Workers.MANY, 0);
LoadResult first = LoadTest.run(LoadOptions.builder(server.url()).concurrency(10).maxRequests(1000).keepAlive(true).quiet(true).build());
IO.println(first.sent() + " sent, " + first.replies() + " replies, " + Math.round(first.repliesPerSecond()) + " replies/s, p50 "
        + PercentileTable.millis(first.responseTime().p50()) + " ms, p99 " + PercentileTable.millis(first.responseTime().p99()) + " ms");

// "The report jload prints is made of tables like this one: min, mean, p50 ... max of a histogram of microseconds."
PercentileTable.render(List.of("response time"), List.of(first.responseTime())).forEach(IO::println);
server.close();

// "Question for the room: a load tester with 10 connections, against a server that gets 25 x slower. Does the
//  tester send fewer requests? The closed model (-c) says yes: each connection waits for its reply before sending
//  again. The open model (--rps) says no: users arrive when they arrive. Same server, both models (about 15 s)."
ClosedVsOpen.Settings cvo = ClosedVsOpen.Settings.classroom();
ClosedVsOpen.print(cvo, ClosedVsOpen.run(cvo), System.out);

// "The closed model's slow row: fewer requests sent, and a latency that can never pass 10 x 25 ms. A calm report of
//  a server that is falling behind. The open model's: 100/s sent, replies at 40/s, and a queue that grows every
//  second the run lasts. That is what the users of a slow server live through."

// "The open model's timetable is exercise 1. Request i is due at i / rate, whatever happened before it:"
OpenSchedule schedule = new OpenSchedule(2.5, 0, 1, 0, 4_000_000_000L);
for (long j = 0; j < schedule.size(); j++) IO.println("  request " + j + " due at " + schedule.offsetNanos(j) / 1_000_000 + " ms");

// "Two event loops deal the requests like cards: lane 0 sends 0, 2, 4...; lane 1 sends 1, 3, 5..."
for (int lane = 0; lane < 2; lane++) {
    OpenSchedule s = new OpenSchedule(1000, lane, 2, 7, 0);
    List<Long> due = new ArrayList<>();
    for (long j = 0; j < s.size(); j++) due.add(s.offsetNanos(j) / 1_000_000);
    IO.println("  lane " + lane + ": due at " + due + " ms");
}

// "Averages. One reply in 100 takes 50 ms, the rest are instant. What is the mean? What would you put on a slide?"
AveragesLie.Settings avg = AveragesLie.Settings.classroom();
AveragesLie.print(avg, AveragesLie.run(avg), System.out);

// "A page loads 50 resources; a session clicks 10 pages. 'One in a hundred' is not rare for a person: it is most
//  sessions. That is why reports lead with p99 and max, and why an SLO says 'p99 under 200 ms', never 'mean'."

// "Coordinated omission, on paper first. 10 s at 100/s on one connection; the server stops for 1 s at t = 5 s.
//  The requests due during the stall go out late, when it ends. Two clocks per reply:"
LatencyRecorder paper = new LatencyRecorder();
long free = 0;
for (int i = 0; i < 1000; i++) {
    long due = i * 10_000_000L;
    long sent = Math.max(due, free);
    long done = sent + (i == 500 ? 1_000_000_000L : 1_000_000L);
    paper.record(due, sent, done);
    free = done;
}
PercentileTable.render(List.of("from the send", "from when due"),
        List.of(PercentileTable.summarize(paper.serviceTime()), PercentileTable.summarize(paper.responseTime()))).forEach(IO::println);
IO.println("  " + paper.late() + " requests went out late; the longest waited " + paper.maxQueueNanos() / 1_000_000 + " ms in the tester");

// "Now live: the same thing against a real server that stalls once (about 7 s)."
Omission.Settings om = Omission.Settings.classroom();
Omission.print(om, Omission.run(om), System.out);

// "wrk, ab and loadtest without --rps report the first row. wrk2 (Gil Tene) and jload --rps report the second. Same
//  run, same replies: the difference is only which clock the latency starts on."

// "Last: errors. loadtest says -1; jload says what happened. A table by hand:"
ErrorTable errors = new ErrorTable();
for (int i = 0; i < 950; i++) errors.countStatus(200);
for (int i = 0; i < 30; i++) errors.countStatus(503);
for (int i = 0; i < 15; i++) errors.count(ErrorKind.RESET, "Connection reset by peer");
for (int i = 0; i < 5; i++) errors.count(ErrorKind.TIMEOUT, null);
for (ErrorTable.Row row : errors.rows()) IO.println(String.format("  %-12s %4d  %5.1f%%  %s", row.name(), row.count(), row.percentOf(1000), row.description()));

// "And a real one: nothing listens on this port. -n 20 gives exactly 20 results, every one named."
int closedPort;
try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) { closedPort = probe.getLocalPort(); }
LoadResult refused = LoadTest.run(LoadOptions.builder("http://127.0.0.1:" + closedPort + "/").concurrency(2).maxRequests(20).quiet(true).build());
refused.errors().rows().forEach(r -> IO.println("  " + r.name() + " x" + r.count() + " (" + r.description() + ")"));

// "Next: ./workbook run 6 (closed-vs-open), averages-lie, omission; ./jload --help; then the exercises, ./workbook grade 6."
