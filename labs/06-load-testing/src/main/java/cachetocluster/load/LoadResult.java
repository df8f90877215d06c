package cachetocluster.load;

import java.time.Instant;
import java.util.List;

/**
 * What a run measured. Counts are exact: {@code sent == replies + networkErrors()}, where network errors include
 * the requests still unanswered when the run ended ({@link ErrorKind#UNFINISHED}); HTTP errors (status 400 and
 * up) are replies, counted in {@link #errors()} too.
 *
 * <p>Times: {@code elapsedSeconds} runs from the start to the last reply (or the end of the wait for it);
 * {@code sendingSeconds} is the window in which requests went out: in the open model up to the last send plus one
 * interval (so that N requests at R/s make N/R seconds); in the closed model up to the moment a time limit
 * stopped sending, or else up to the last send.
 *
 * @param model        "open" ({@code --rps}) or "closed"
 * @param unsent       open model: requests the schedule had that were never sent because the run stopped first
 * @param waitedForConnection open model: requests that fell due while all connections were busy
 * @param latency      response time (from the intended send) and service time (from the actual send) of replies
 * @param stopReason   what ended the sending
 * @param cpuSeconds   CPU time jload's process used during the run (all threads: loops, JIT, GC); -1 if unknown
 */
public record LoadResult(LoadOptions options, String model, int loops, Instant startedAt, long sent, long replies,
                         long unsent, long waitedForConnection, ErrorTable errors, LatencyRecorder latency, double elapsedSeconds,
                         double sendingSeconds, double drainSeconds, StopReason stopReason, long connectionsOpened,
                         long bytesReceived, long bodyBytes, List<Timeline.Point> timeline, double cpuSeconds) {

    public enum StopReason {
        MAX_REQUESTS("all -n requests were sent"),
        MAX_TIME("the -t time limit stopped sending"),
        INTERRUPTED("interrupted");

        private final String description;

        StopReason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public boolean openModel() {
        return model.equals("open");
    }

    /** Requests that ended in an error: no reply (any {@link ErrorKind}) or a status of 400 and up. */
    public long errorCount() {
        return errors.errors();
    }

    public long networkErrors() {
        return errors.networkErrors();
    }

    public long unfinished() {
        return errors.count(ErrorKind.UNFINISHED);
    }

    /** Errors as a percentage of requests sent. */
    public double errorRatePercent() {
        return sent == 0 ? 0 : 100.0 * errorCount() / sent;
    }

    /** Response time (from when each request was due): the latency to report. */
    public PercentileTable.Summary responseTime() {
        return PercentileTable.summarize(latency.responseTime());
    }

    /** Service time (from when each request actually went out). Equal to the response time in the closed model. */
    public PercentileTable.Summary serviceTime() {
        return PercentileTable.summarize(latency.serviceTime());
    }

    /** Requests sent per second of the sending window: what {@code --rps} aims at. */
    public double sendRate() {
        return sendingSeconds > 0 ? sent / sendingSeconds : 0;
    }

    /** Requests completed (reply or error) per second of the whole run: loadtest's "Effective rps". */
    public double completedPerSecond() {
        return elapsedSeconds > 0 ? (sent - unfinished()) / elapsedSeconds : 0;
    }

    /** jload's own CPU use during the run, in cores (1.0: one core busy all the time); -1 if unknown. */
    public double generatorCores() {
        return cpuSeconds < 0 || elapsedSeconds <= 0 ? -1 : cpuSeconds / elapsedSeconds;
    }

    /** Requests that got a reply per second, like wrk's Requests/sec. */
    public double repliesPerSecond() {
        return elapsedSeconds > 0 ? replies / elapsedSeconds : 0;
    }
}
