package cachetocluster.workbook;

import cachetocluster.workbook.grading.ScoreCard;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * `workbook watch`: re-grades a lab each time one of its exercise files is saved (rustlings' watch
 * mode). Keys: Enter re-grades, h shows the next hint, q quits. With --manual (or where the file
 * system cannot be watched: network drives, WSL's /mnt/c) only Enter re-grades.
 */
public final class Watch {

    private sealed interface Event permits Saved, Typed {
    }

    private record Saved(Path file) implements Event {
    }

    private record Typed(String line) implements Event {
    }

    private final Project project;
    private final Curriculum curriculum;
    private final Style style;
    private final PrintStream out;

    public Watch(Project project, Curriculum curriculum, Style style, PrintStream out) {
        this.project = project;
        this.curriculum = curriculum;
        this.style = style;
        this.out = out;
    }

    public int run(Curriculum.Lab lab, boolean manual) throws InterruptedException {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> readKeys(events));
        if (!manual) {
            manual = !startWatching(project.labDir(lab).resolve("exercises"), events);
        }
        var grading = new GradeFlow(project, curriculum, style, out);
        while (true) {
            clearScreen();
            ScoreCard card = safeGrade(grading, lab);
            out.println();
            out.println(style.dim("graded at " + java.time.LocalTime.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
            out.println(style.dim(manual ? "Enter: grade again   h: next hint   q: quit   (manual mode)"
                    : "Watching " + project.display(project.labDir(lab).resolve("exercises")) + " - save to grade again.   h: next hint   q: quit"));
            if (card != null && card.passedTasks() == card.totalTasks()) {
                out.println(style.green("Every task of " + lab.label() + " passes. Next: ./workbook list"));
            }
            Event event = nextEvent(events);
            if (event instanceof Typed(String line)) {
                switch (line.strip()) {
                    case "q", "quit" -> { return 0; }
                    case "h", "hint" -> {
                        new HintFlow(project, style, out).showNext(lab, null);
                        out.println(style.dim("(press Enter to grade again)"));
                        if (nextEvent(events) instanceof Typed(String again) && again.strip().equals("q")) return 0;
                    }
                    case "\u0004" -> { return 0; }
                    default -> { }
                }
            }
        }
    }

    private ScoreCard safeGrade(GradeFlow grading, Curriculum.Lab lab) {
        try {
            return grading.grade(lab, null);
        } catch (UserError e) {
            out.println(e.getMessage());
            return null;
        }
    }

    /** Waits for a save or a key; saves that arrive together (editors write twice) count once. */
    private static Event nextEvent(BlockingQueue<Event> events) throws InterruptedException {
        Event first = events.take();
        if (first instanceof Saved) {
            while (events.poll(250, TimeUnit.MILLISECONDS) instanceof Saved) {
                // drain the burst
            }
        }
        return first;
    }

    private static void readKeys(BlockingQueue<Event> events) {
        try (var in = new BufferedReader(new InputStreamReader(System.in))) {
            String line;
            while ((line = in.readLine()) != null) {
                events.add(new Typed(line));
            }
            events.add(new Typed("q"));
        } catch (IOException e) {
            events.add(new Typed("q"));
        }
    }

    private boolean startWatching(Path root, BlockingQueue<Event> events) {
        try {
            WatchService service = FileSystems.getDefault().newWatchService();
            try (var dirs = Files.walk(root)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    dir.register(service, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
                }
            }
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        var key = service.take();
                        for (var event : key.pollEvents()) {
                            if (event.context() instanceof Path p && p.toString().endsWith(".java")) {
                                events.add(new Saved(((Path) key.watchable()).resolve(p)));
                            }
                        }
                        key.reset();
                    }
                } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
                    // watching ends with the workbook
                }
            });
            return true;
        } catch (IOException e) {
            out.println(style.yellow("Cannot watch " + root + " (" + e.getMessage() + "); switching to manual mode."));
            return false;
        }
    }

    private void clearScreen() {
        if (style.colour()) out.print("\u001b[H\u001b[2J");
    }
}
