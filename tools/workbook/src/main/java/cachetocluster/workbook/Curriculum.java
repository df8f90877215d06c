package cachetocluster.workbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The one manifest (labs/curriculum.yaml): lab order, titles, steps, notebooks, benchmarks,
 * exercises and their graduated hints. Everything the workbook knows about the course comes from here.
 */
public record Curriculum(List<Lab> labs) {

    /**
     * @param bench       a JMH include pattern selecting the lab's benchmarks, or null
     * @param benchArgs   the JMH options `workbook bench N` uses when the user gives none
     * @param benchReport a step run after the benchmarks with {@code --jmh <results.json>}, or null
     */
    public record Lab(int id, String dir, String title, String node, String status, List<Step> steps,
                      String notebook, String bench, List<String> benchArgs, String benchReport,
                      List<Exercise> exercises) {
        public Lab {
            steps = steps == null ? List.of() : List.copyOf(steps);
            benchArgs = benchArgs == null ? List.of() : List.copyOf(benchArgs);
            exercises = exercises == null ? List.of() : List.copyOf(exercises);
        }

        public boolean ready() {
            return "ready".equals(status);
        }

        /** "Lab 03 - Event loop", the way the score table and errors name a lab. */
        public String label() {
            return "Lab %02d - %s".formatted(id, title);
        }

        public Optional<Exercise> exercise(String name) {
            return exercises.stream().filter(e -> e.name().equals(name)).findFirst();
        }

        public Optional<Step> step(String name) {
            return steps.stream().filter(s -> s.name().equals(name)).findFirst();
        }
    }

    public record Step(String name, String script, String about) {
        /** A compact source file's class is named after its file. */
        public String className() {
            return script.substring(0, script.length() - ".java".length());
        }
    }

    public record Exercise(String name, String title, String file, List<String> tests, List<String> hints,
                           Integer timeoutSeconds) {
        public Exercise {
            tests = tests == null ? List.of() : List.copyOf(tests);
            hints = hints == null ? List.of() : List.copyOf(hints);
        }

        /** The fully qualified class name the exercise file defines (learner's and reference alike). */
        public String className() {
            return file.substring(0, file.length() - ".java".length()).replace('/', '.');
        }

        public int timeout() {
            return timeoutSeconds == null ? 120 : timeoutSeconds;
        }
    }

    public static Curriculum load(Path file) {
        try {
            var mapper = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
            Curriculum curriculum = mapper.readValue(Files.readString(file), Curriculum.class);
            curriculum.check();
            return curriculum;
        } catch (IOException e) {
            throw new UserError("workbook: cannot read " + file + ": " + e.getMessage());
        } catch (JacksonException e) {
            throw new UserError("workbook: " + file.getFileName() + " is malformed: " + e.getOriginalMessage()
                    + locationOf(e));
        }
    }

    private static String locationOf(JacksonException e) {
        var loc = e.getLocation();
        return loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ")";
    }

    /** Catches manifest mistakes early with a message that names the lab or exercise at fault. */
    private void check() {
        if (labs == null || labs.isEmpty()) {
            throw new UserError("workbook: curriculum.yaml lists no labs");
        }
        for (int i = 0; i < labs.size(); i++) {
            Lab lab = labs.get(i);
            if (lab.id() != i) {
                throw new UserError("workbook: curriculum.yaml: lab at position " + i + " has id " + lab.id() + "; ids must be 0, 1, 2, ... in order");
            }
            if (lab.dir() == null || lab.title() == null || !List.of("ready", "coming").contains(lab.status())) {
                throw new UserError("workbook: curriculum.yaml: lab " + i + " needs dir, title and status ready|coming");
            }
            if (lab.benchReport() != null && lab.step(lab.benchReport()).isEmpty()) {
                throw new UserError("workbook: curriculum.yaml: lab " + i + " has benchReport '" + lab.benchReport() + "' but no step of that name");
            }
            for (Exercise ex : lab.exercises()) {
                if (ex.name() == null || ex.file() == null || !ex.file().endsWith(".java") || ex.tests().isEmpty()) {
                    throw new UserError("workbook: curriculum.yaml: an exercise of lab " + i + " needs name, file (*.java) and tests");
                }
            }
        }
    }

    public int lastId() {
        return labs.size() - 1;
    }

    /** Turns what the user typed ("3", "03") into a lab, or one clear line saying what is wrong. */
    public Lab lab(String typed) {
        int id;
        try {
            id = Integer.parseInt(typed.trim());
        } catch (NumberFormatException e) {
            throw new UserError("workbook: '" + typed + "' is not a lab number (labs are 0 to " + lastId() + "; ./workbook list shows them)", 2);
        }
        if (id < 0 || id > lastId()) {
            throw new UserError("workbook: there is no lab " + id + " (labs are 0 to " + lastId() + "; ./workbook list shows them)", 2);
        }
        return labs.get(id);
    }

    /** Like {@link #lab(String)}, but the lab must be built already. */
    public Lab readyLab(String typed) {
        Lab lab = lab(typed);
        if (!lab.ready()) {
            throw new UserError("workbook: " + lab.label() + " is coming: it is not written yet (./workbook list shows the ready labs)");
        }
        return lab;
    }

    public List<Lab> readyLabs() {
        List<Lab> ready = new ArrayList<>();
        for (Lab lab : labs) {
            if (lab.ready()) ready.add(lab);
        }
        return ready;
    }
}
