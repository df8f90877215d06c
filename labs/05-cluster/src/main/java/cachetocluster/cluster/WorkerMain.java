package cachetocluster.cluster;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * What a worker JVM runs: {@code ChildMain WorkerMain <exec> args...} (lab 04's fork runs ChildMain first, which
 * connects the channel). Like Node's bootstrap, which calls {@code cluster._setupWorker()} before the user's script
 * when {@code NODE_UNIQUE_ID} is set, it starts the worker's side of the cluster (the primary hears "online") and
 * then runs the {@code exec} class's main: a worker is "online" even if its code never looks at the cluster.
 */
public final class WorkerMain {

    private WorkerMain() {}

    public static void main(String[] args) throws Throwable {
        if (args.length == 0 || !Cluster.isWorker()) {
            System.err.println("usage: WorkerMain <main class> [args...] (started by the cluster primary's fork)");
            System.exit(2);
        }
        Cluster.worker();
        runMain(args[0], Arrays.copyOfRange(args, 1, args.length));
    }

    /** Runs {@code className}'s main as the java launcher would: static or instance, with or without args (JEP 512). */
    private static void runMain(String className, String[] args) throws Throwable {
        Class<?> type = Class.forName(className, true, ClassLoader.getSystemClassLoader());
        Method withArgs = findMain(type, String[].class);
        Method main = withArgs != null ? withArgs : findMain(type);
        if (main == null) {
            throw new NoSuchMethodException("no main method in " + className);
        }
        main.setAccessible(true);
        Object target = null;
        if (!Modifier.isStatic(main.getModifiers())) {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            target = constructor.newInstance();
        }
        try {
            if (withArgs != null) {
                main.invoke(target, (Object) args);
            } else {
                main.invoke(target);
            }
        } catch (InvocationTargetException e) {
            throw e.getCause(); // as if main had thrown it: printed, exit status 1
        }
    }

    private static Method findMain(Class<?> type, Class<?>... parameters) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod("main", parameters);
                if (!Modifier.isPrivate(m.getModifiers()) && m.getReturnType() == void.class) {
                    return m;
                }
            } catch (NoSuchMethodException ignored) {
                // try the superclass
            }
        }
        return null;
    }
}
