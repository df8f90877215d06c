package cachetocluster.child;

/** The options of {@link ChildProcesses#spawn}: as in Node, stdio defaults to pipes. */
public final class SpawnOptions extends ProcessOptions<SpawnOptions> {

    public SpawnOptions() {
        super(Stdio.PIPE);
    }
}
