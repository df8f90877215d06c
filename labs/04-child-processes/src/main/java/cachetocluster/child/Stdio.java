package cachetocluster.child;

/** What becomes of one of a child's standard streams: Node's {@code stdio} values. */
public enum Stdio {
    /** The child writes to (reads from) the parent's own stream. Node: {@code 'inherit'}. */
    INHERIT,
    /** A pipe the parent reads or writes: {@code child.stdout()} and friends. Node: {@code 'pipe'}. */
    PIPE,
    /** /dev/null. Node: {@code 'ignore'}. */
    IGNORE
}
