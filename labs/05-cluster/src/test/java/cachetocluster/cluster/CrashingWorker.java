package cachetocluster.cluster;

/** A worker that dies at start, with status 3: what a crash loop looks like (a bad config, a missing file). */
public final class CrashingWorker {

    private CrashingWorker() {}

    public static void main(String[] args) {
        System.exit(3);
    }
}
