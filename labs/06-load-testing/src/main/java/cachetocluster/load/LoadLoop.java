package cachetocluster.load;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.HdrHistogram.Histogram;

/**
 * One event loop thread of a run: its connections, its share of the workload, and its own records (no locks,
 * no shared counters on the hot path: loops are merged when the run is over). Everything here runs on the loop's
 * thread; other threads see it only through the {@link Interval}s it posts once a second and through
 * {@link RunControl}.
 *
 * <p>Exact counts (loadtest #97, #238): every request {@link #start started} ends exactly once, as a reply, an
 * error, or, if the run ends first, {@link ErrorKind#UNFINISHED}. So {@code sent == replies + errors} always.
 *
 * <p>Ending: when the workload has nothing more to send (or the time limit, or Ctrl-C, stopped it), the loop
 * waits for the replies in flight, up to {@link RunControl#drainNanos()}, then counts what is left as unfinished.
 */
final class LoadLoop implements Runnable {

    /** What one loop saw in one second of the run, posted to the thread that prints progress. */
    record Interval(int loop, int second, long sent, long replies, long errors, Histogram responseMicros) {}

    private record DeferredFailure(Connection connection, ErrorKind kind, String detail) {}

    private final int index;
    private final Reactor reactor;
    private final InetSocketAddress address;
    private final TlsClient tls;
    private final long timeoutNanos;
    private final Workload workload;
    private final RunControl control;
    private final Queue<Interval> intervals;
    // A heap buffer: the JDK reads into its own per-thread direct buffer and copies out either way, and the
    // parser scans a plain byte[] far faster than it can call get() on a direct buffer.
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private final List<Connection> connections = new ArrayList<>();
    private final ArrayDeque<DeferredFailure> deferred = new ArrayDeque<>();

    final LatencyRecorder latency = new LatencyRecorder();
    final ErrorTable errors = new ErrorTable();
    long sent;
    long bytesReceived;
    long bodyBytes;
    long connectionsOpened;
    long firstSendNanos = Long.MAX_VALUE;
    long lastSendNanos;
    long lastDoneNanos;
    long sendingStoppedNanos = Long.MAX_VALUE;
    long finishedNanos;
    private int inFlight;

    private boolean sendingStopped;
    private boolean finished;
    private long drainDeadline = Long.MAX_VALUE;
    private final long scanEvery;
    private long nextScan;
    private int second;
    private long nextSecond;
    private Histogram interval = LatencyRecorder.newHistogram();
    private long intervalSent;
    private long intervalReplies;
    private long intervalErrors;

    LoadLoop(int index, Reactor reactor, InetSocketAddress address, TlsClient tls, long timeoutNanos,
             Workload workload, RunControl control, Queue<Interval> intervals) {
        this.index = index;
        this.reactor = reactor;
        this.address = address;
        this.tls = tls;
        this.timeoutNanos = timeoutNanos;
        this.workload = workload;
        this.control = control;
        this.intervals = intervals;
        this.scanEvery = timeoutNanos > 0 ? Math.clamp(timeoutNanos / 4, 1_000_000L, 100_000_000L) : Long.MAX_VALUE;
    }

    int index() {
        return index;
    }

    Reactor reactor() {
        return reactor;
    }

    InetSocketAddress address() {
        return address;
    }

    TlsClient tls() {
        return tls;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    RunControl control() {
        return control;
    }

    int inFlight() {
        return inFlight;
    }

    @Override
    public void run() {
        nextSecond = control.startNanos() + 1_000_000_000L;
        nextScan = control.startNanos() + scanEvery;
        try {
            reactor.run(this::tick);
        } finally {
            for (Connection c : connections) c.close();
            reactor.close();
        }
    }

    /** A new connection of this loop (it connects on its first request). */
    Connection newConnection() {
        Connection c = new Connection(this);
        connections.add(c);
        return c;
    }

    /** Forgets a connection that will not be used again (a virtual user's, when it is done). */
    void retire(Connection c) {
        c.close();
        int i = connections.indexOf(c);
        if (i >= 0) {
            Connection last = connections.removeLast();
            if (last != c) connections.set(i, last);
        }
    }

    /** Sends {@code template} on {@code c} now; it was due at {@code intended}. */
    void start(Connection c, RequestTemplate template, long intended, long now) {
        inFlight++;
        sent++;
        intervalSent++;
        if (firstSendNanos == Long.MAX_VALUE) firstSendNanos = now;
        lastSendNanos = now;
        c.send(template, intended, now);
    }

    boolean sendingStopped() {
        return sendingStopped;
    }

    // ---- what connections report ---------------------------------------------------------------------------

    void connectionOpened() {
        connectionsOpened++;
    }

    void bytesReceived(int n) {
        bytesReceived += n;
    }

    void replied(Connection c, long now) {
        inFlight--;
        lastDoneNanos = now;
        long micros = latency.record(c.intendedNanos(), c.sentNanos(), now);
        interval.recordValue(micros);
        int status = c.parser().status();
        errors.countStatus(status);
        bodyBytes += c.parser().bodyBytes();
        intervalReplies++;
        if (status >= 400) intervalErrors++;
        workload.ended(this, c, false, now);
        checkDone();
    }

    void failed(Connection c, ErrorKind kind, String detail, long now) {
        inFlight--;
        lastDoneNanos = now;
        errors.count(kind, detail);
        intervalErrors++;
        workload.ended(this, c, true, now);
        checkDone();
    }

    void failLater(Connection c, ErrorKind kind, String detail) {
        deferred.add(new DeferredFailure(c, kind, detail));
        reactor.wakeup();
    }

    private void checkDone() {
        if (inFlight == 0 && (sendingStopped || workload.exhausted())) {
            reactor.wakeup();
        }
    }

    // ---- the clock -----------------------------------------------------------------------------------------

    private long tick(long now) {
        if (finished) return Long.MAX_VALUE;
        for (int n = deferred.size(); n > 0; n--) {
            DeferredFailure f = deferred.poll();
            f.connection().deferredFailureReported();
            failed(f.connection(), f.kind(), f.detail(), now);
        }
        while (now - nextSecond >= 0) {
            rollInterval();
        }
        // What fell due before the time limit goes out even if this tick came late: it is part of the schedule.
        long wake = sendingStopped || control.aborted() ? Long.MAX_VALUE : workload.poll(this, now);
        if (!sendingStopped && (now - control.sendUntilNanos() >= 0 || control.aborted())) {
            stopSending(now);
            wake = Long.MAX_VALUE;
        }
        if (now - nextScan >= 0) {
            scanTimeouts(now);
            nextScan = now + scanEvery;
        }
        if (inFlight == 0 && deferred.isEmpty() && (sendingStopped || workload.exhausted())) {
            finish(now);
            return Long.MAX_VALUE;
        }
        if (sendingStopped && now - drainDeadline >= 0) {
            abandonInFlight();
            finish(now);
            return Long.MAX_VALUE;
        }
        if (!deferred.isEmpty()) return now;
        wake = Math.min(wake, nextSecond);
        if (timeoutNanos > 0) wake = Math.min(wake, nextScan);
        return Math.min(wake, sendingStopped ? drainDeadline : control.sendUntilNanos());
    }

    private void stopSending(long now) {
        sendingStopped = true;
        sendingStoppedNanos = now;
        workload.stopSending();
        long drain = control.aborted() ? 0 : control.drainNanos();
        drainDeadline = drain == Long.MAX_VALUE ? Long.MAX_VALUE : now + drain;
    }

    private void scanTimeouts(long now) {
        for (int i = 0; i < connections.size(); i++) {
            Connection c = connections.get(i);
            if (c.busy() && now - c.deadlineNanos() >= 0) {
                c.fail(ErrorKind.TIMEOUT, "no complete reply within " + timeoutNanos / 1_000_000 + " ms");
            }
        }
    }

    private void abandonInFlight() {
        for (DeferredFailure f : deferred) {
            f.connection().deferredFailureReported();
            inFlight--;
            errors.count(f.kind(), f.detail());
            intervalErrors++;
        }
        deferred.clear();
        for (Connection c : List.copyOf(connections)) {
            if (c.busy()) {
                c.close();
                inFlight--;
                errors.count(ErrorKind.UNFINISHED, "no reply " + (control.aborted() ? "when the run was interrupted" : "within the wait after sending stopped"));
                intervalErrors++;
            }
        }
    }

    private void rollInterval() {
        post();
        second++;
        nextSecond += 1_000_000_000L;
    }

    private void post() {
        intervals.add(new Interval(index, second, intervalSent, intervalReplies, intervalErrors, interval));
        interval = LatencyRecorder.newHistogram();
        intervalSent = 0;
        intervalReplies = 0;
        intervalErrors = 0;
    }

    private void finish(long now) {
        finished = true;
        finishedNanos = now;
        if (sendingStoppedNanos == Long.MAX_VALUE) sendingStoppedNanos = lastSendNanos;
        post();
        reactor.stop();
    }
}
