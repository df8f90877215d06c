package cachetocluster.load;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "run")
final class RunCommand implements Callable<Integer> {
    RunCommand(PrintStream out, PrintStream err) {}
    public Integer call() { return 0; }
}
