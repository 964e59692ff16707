package microgpt.cli;

import microgpt.fast.EngineChoice;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import microgpt.data.Documents;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.math.Libm;
import microgpt.steps.GptConfig;
import microgpt.steps.Steps;
import microgpt.train.LanguageModel;
import microgpt.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code microgpt bench}: every engine on every step, and CPython's reference, in one run, as a
 * table of milliseconds per 1000 training steps.
 *
 * <p>How each number is measured:
 * <ul>
 *   <li>Java: a fresh model (seed 42, the step's defaults) trains the first K steps of the
 *       usual run; first for two seconds to let the JIT compile, then five timed times, keeping
 *       the fastest. Time is the CPU time of the training thread (other jobs on the machine then
 *       count less), with wall-clock time beside it.</li>
 *   <li>CPython: {@code tools/reference/stepN.py --steps P}, timed between its first and its
 *       last printed step line (so start-up, data loading and sampling are left out), by wall
 *       clock and by the process's CPU time from /proc.</li>
 *   <li>Runs shorter than 1000 steps are scaled to 1000 by the number of positions trained
 *       (the work of a step is proportional to it), not by the number of steps: the first
 *       fifty names happen to be longer than the average.</li>
 * </ul>
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time every engine on every step against CPython's reference, in one run.")
final class BenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin DataOption data;

    @Option(names = "--steps", paramLabel = "K", defaultValue = "1000", description = "steps timed per run of the tape and fused engines, 1–100,000 (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--readable-steps", paramLabel = "K", defaultValue = "100", description = "steps timed per run of the readable engine, 1–100,000 (default: ${DEFAULT-VALUE})")
    int readableSteps;

    @Option(names = "--python", paramLabel = "CMD", defaultValue = "python3", description = "the Python to time the reference with, or 'none' (default: ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--python-steps", paramLabel = "K", defaultValue = "50", description = "steps of each CPython run, 2–100,000 (default: ${DEFAULT-VALUE})")
    int pythonSteps;

    @Option(names = "--python-timeout", paramLabel = "S", defaultValue = "600", description = "seconds a CPython run may take "
            + "before it is stopped, 1–86,400 (default: ${DEFAULT-VALUE}; the reference's Step 5 takes about 15 s for 50 steps)")
    int pythonTimeoutSeconds;

    @Option(names = "--reference", paramLabel = "DIR", description = "where stepN.py are (default: tools/reference of this checkout)")
    Path reference;

    @Option(names = "--only", paramLabel = "STEP", split = ",", description = "bench only these steps, e.g. --only 3,5")
    List<Integer> only;

    @Option(names = "--warm-up", paramLabel = "S", defaultValue = "2", description = "seconds of untimed runs before each Java engine's timed ones, 0–600 (default: ${DEFAULT-VALUE})")
    double warmUpSeconds;

    static final int NUM_STEPS = 1000;
    static final int RUNS = 5;
    static final int MAX_WARM_UP_RUNS = 200;

    /** One measurement: milliseconds per 1000 steps by CPU time and by wall clock (NaN if unknown). */
    record Timing(double cpuMs, double wallMs) {}

    @Override
    public Integer call() throws IOException {
        TrainCommand.requireRange("--steps", steps, 1, 100_000);
        TrainCommand.requireRange("--readable-steps", readableSteps, 1, 100_000);
        TrainCommand.requireRange("--python-steps", pythonSteps, 2, 100_000);
        TrainCommand.requireRange("--python-timeout", pythonTimeoutSeconds, 1, 86_400);
        if (!(warmUpSeconds >= 0 && warmUpSeconds <= 600)) {
            throw new IllegalArgumentException("--warm-up must be between 0 and 600 seconds, got " + warmUpSeconds);
        }
        List<Integer> benched = new ArrayList<>();
        for (int step = 0; step < Steps.COUNT; step++) benched.add(step);
        if (only != null) {
            for (int step : only) Steps.requireValid(step);
            benched.retainAll(only);
        }
        List<String> docs = data.load();
        Path dataFile = data.locate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path referenceDir = reference != null ? reference : defaultReferenceDir();
        boolean withPython = !"none".equals(python);
        if (withPython && !Files.isDirectory(referenceDir)) {
            err.println("microgpt bench: no CPython reference at " + referenceDir + " (give --reference DIR or --python none)");
            err.flush();
            withPython = false;
        }
        List<String> shuffled = Documents.shuffled(docs, new PyRandom(42));
        out.println("microgpt bench: ms per 1000 training steps (seed 42, each step's defaults), "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", Libm: " + Libm.implementation());
        out.println("Java: CPU time of the training thread, fastest of " + RUNS + " runs of " + steps
                + " steps (readable: " + readableSteps + ") after " + String.format(Locale.ROOT, "%.1f", warmUpSeconds)
                + " s of warm-up runs; wall clock in brackets.");
        if (withPython) out.println("CPython: " + python + " " + referenceDir.resolve("stepN.py") + " --steps " + pythonSteps
                + ", timed between its first and last step line (process CPU time; wall clock in brackets).");
        out.println("Runs shorter than 1000 steps are scaled to 1000 by the positions they train. "
                + "GFLOP/s: the fused engine's counted operations (FusedGpt.flopsPerStep) per second.");
        out.println();
        out.println(String.format(Locale.ROOT, "%4s  %-9s %14s %12s %11s", "step", "engine", "ms/1000 steps", "(wall)", "x CPython"));
        out.flush();
        for (int step : benched) {
            Timing cpython = null;
            if (withPython) {
                try {
                    cpython = timePython(step, referenceDir, dataFile, shuffled);
                } catch (IOException e) {
                    err.println("microgpt bench: CPython step " + step + " failed: " + e.getMessage());
                    err.flush();
                }
                if (cpython != null) out.println(row(step, "cpython", cpython, null));
                out.flush();
            }
            for (EngineChoice.Engine engine : EngineChoice.Engine.values()) {
                if (engine == EngineChoice.Engine.TAPE && step < 2) continue;
                if (engine == EngineChoice.Engine.FUSED && step < 3) continue;
                int k = engine == EngineChoice.Engine.READABLE ? readableSteps : steps;
                Timing timing = timeJava(docs, shuffled, step, engine, k, (long) (warmUpSeconds * 1e9));
                String line = row(step, engine.label(), timing, cpython);
                if (engine == EngineChoice.Engine.FUSED) {
                    line += String.format(Locale.ROOT, "   %.1f GFLOP/s", gigaflops(step, shuffled, timing));
                }
                out.println(line);
                out.flush();
            }
        }
        return 0;
    }

    private static String row(int step, String engine, Timing t, Timing cpython) {
        String ratio = "";
        if (cpython != null) {
            boolean cpu = !Double.isNaN(cpython.cpuMs()) && !Double.isNaN(t.cpuMs());
            double r = cpu ? cpython.cpuMs() / t.cpuMs() : cpython.wallMs() / t.wallMs();
            ratio = String.format(Locale.ROOT, "%,.0f", r);
        }
        String main = Double.isNaN(t.cpuMs()) ? "" : String.format(Locale.ROOT, "%,.1f", t.cpuMs());
        String wall = String.format(Locale.ROOT, "(%,.1f)", t.wallMs());
        return String.format(Locale.ROOT, "%4d  %-9s %14s %12s %11s", step, engine, main, wall, ratio);
    }

    // region java

    /** The fused engine's arithmetic rate: its counted operations over the first 1000 steps / their time. */
    static double gigaflops(int step, List<String> shuffled, Timing timing) {
        EngineChoice.Choice choice = EngineChoice.choose(new EngineChoice.Request(step, "fused", null, null, null,
                null, null, Steps.info(step).learningRate()));
        int vocabSize = new Tokenizer(shuffled).vocabSize;
        int params = microgpt.fast.ParamLayout.transformer(vocabSize, choice.config()).size();
        double flops = 0;
        for (int s = 0; s < NUM_STEPS; s++) {
            flops += microgpt.fast.FusedGpt.flopsPerStep(choice.config(), vocabSize, positions(step, shuffled.get(s)),
                    choice.optimizer(), params);
        }
        double ms = Double.isNaN(timing.cpuMs()) ? timing.wallMs() : timing.cpuMs();
        return flops / (ms * 1e6);
    }

    /** The positions one training step of this step's model trains on, for each of the first steps. */
    static int positions(int step, String name) {
        int n = name.codePointCount(0, name.length()) + 1;
        return step >= 3 ? Math.min(GptConfig.MICROGPT.blockSize(), n) : n;
    }

    /** (positions of the first 1000 steps) / (positions of steps from … to): the scale to 1000 steps. */
    static double scaleTo1000(int step, List<String> shuffled, int from, int to) {
        double all = 0;
        double some = 0;
        for (int s = 0; s < NUM_STEPS; s++) all += positions(step, shuffled.get(s % shuffled.size()));
        for (int s = from; s < to; s++) some += positions(step, shuffled.get(s % shuffled.size()));
        return all / some;
    }

    static Timing timeJava(List<String> docs, List<String> shuffled, int step, EngineChoice.Engine engine, int k,
                           long warmUpNanos) {
        EngineChoice.Choice choice = EngineChoice.choose(new EngineChoice.Request(step, engine.label(), null, null, null,
                null, null, Steps.info(step).learningRate()));
        TrainingRun.ModelFactory factory = choice.factory();
        int numSteps = Math.max(NUM_STEPS, k);
        // Warm-up: the JIT compiles the hot loops in the background, which takes a second or two
        // of runs however short one run is.
        long warmUpEnd = System.nanoTime() + warmUpNanos;
        for (int run = 0; run < MAX_WARM_UP_RUNS && (run == 0 || System.nanoTime() < warmUpEnd); run++) {
            trainOnce(docs, factory, k, numSteps);
        }
        double bestCpu = Double.POSITIVE_INFINITY;
        double bestWall = Double.POSITIVE_INFINITY;
        for (int run = 0; run < RUNS; run++) {
            long[] t = trainOnce(docs, factory, k, numSteps);
            bestWall = Math.min(bestWall, t[0]);
            bestCpu = Math.min(bestCpu, t[1] < 0 ? Double.NaN : t[1]);
        }
        double scale = scaleTo1000(step, shuffled, 0, k);
        return new Timing(bestCpu * scale / 1e6, bestWall * scale / 1e6);
    }

    /** Trains the first k steps of a fresh run; returns {wall ns, thread CPU ns (−1 if unknown)}. */
    static long[] trainOnce(List<String> docs, TrainingRun.ModelFactory factory, int k, int numSteps) {
        PyRandom rng = new PyRandom(42);
        List<String> shuffled = Documents.shuffled(docs, rng);
        Tokenizer tokenizer = new Tokenizer(shuffled);
        LanguageModel model = factory.create(tokenizer, rng);
        int[][] tokens = new int[k][];
        for (int s = 0; s < k; s++) tokens[s] = tokenizer.encode(shuffled.get(s % shuffled.size()));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        long cpu0 = cpu ? threads.getCurrentThreadCpuTime() : 0;
        long wall0 = System.nanoTime();
        double sink = 0;
        for (int s = 0; s < k; s++) sink += model.trainStep(tokens[s], s, numSteps);
        long wall = System.nanoTime() - wall0;
        long cpuTime = cpu ? threads.getCurrentThreadCpuTime() - cpu0 : -1;
        if (Double.isNaN(sink)) throw new IllegalStateException("training diverged");
        return new long[] {wall, cpuTime};
    }
    // endregion

    // region python

    /** Times stepN.py between its first and last step line; scaled to 1000 steps by positions. */
    Timing timePython(int step, Path referenceDir, Path dataFile, List<String> shuffled) throws IOException {
        Path script = referenceDir.resolve("step" + step + ".py");
        if (!Files.isRegularFile(script)) throw new IOException("no " + script);
        ProcessBuilder builder = new ProcessBuilder(python, script.toString(), "--steps", Integer.toString(pythonSteps),
                "--data", dataFile.toAbsolutePath().toString());
        builder.environment().put("PYTHONUNBUFFERED", "1");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        java.util.concurrent.atomic.AtomicBoolean stopped = stopAfter(process, pythonTimeoutSeconds);
        long firstWall = -1, lastWall = -1, firstCpu = -1, lastCpu = -1;
        int lines = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("step ")) continue;
                long now = System.nanoTime();
                long cpu = processCpuTicks(process.pid());
                if (lines == 0) {
                    firstWall = now;
                    firstCpu = cpu;
                }
                lastWall = now;
                lastCpu = cpu;
                lines++;
            }
        }
        try {
            int code = process.waitFor();
            if (stopped.get()) {
                throw new IOException(script.getFileName() + " did not finish within " + pythonTimeoutSeconds
                        + " s, so it was stopped (give more time with --python-timeout, or fewer --python-steps)");
            }
            if (code != 0) throw new IOException(script.getFileName() + " exited with code " + code);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (lines != pythonSteps) throw new IOException("expected " + pythonSteps + " step lines, read " + lines);
        // The lines of steps 1 and P bracket the work of steps 2…P (indices 1…P−1).
        double scale = scaleTo1000(step, shuffled, 1, pythonSteps);
        double wallMs = (lastWall - firstWall) / 1e6 * scale;
        // CPU time comes in ticks of 10 ms: below half a second of it, only the wall clock is precise enough.
        double cpuMs = firstCpu < 0 || lastCpu - firstCpu < 50 ? Double.NaN : (lastCpu - firstCpu) * 10.0 * scale;
        return new Timing(cpuMs, wallMs);
    }

    /**
     * Kills the process, and whatever it started, if it is still running after {@code seconds}:
     * reading its output would otherwise wait for ever on a script that never exits. The flag
     * it returns says whether it did, so the reader knows why the output ended.
     */
    static java.util.concurrent.atomic.AtomicBoolean stopAfter(Process process, int seconds) {
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        Thread watchdog = new Thread(() -> {
            try {
                if (process.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)) return;
            } catch (InterruptedException e) {
                return;
            }
            stopped.set(true);
            process.descendants().forEach(ProcessHandle::destroyForcibly);   // a child would keep the output open
            process.destroyForcibly();
        }, "microgpt-bench-timeout");
        watchdog.setDaemon(true);   // it ends when the process does; it must not keep the JVM alive
        watchdog.start();
        return stopped;
    }

    /** utime + stime of a process in clock ticks (1/100 s on Linux), or −1 where /proc is missing. */
    static long processCpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);    // fields 14 and 15 of stat(5)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** tools/reference of the checkout this jar was built in (app/target/microgpt.jar), else of the working directory. */
    static Path defaultReferenceDir() {
        try {
            Path jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent() != null && jar.getParent().getParent() != null ? jar.getParent().getParent().getParent() : null;
            if (root != null && Files.isDirectory(root.resolve("tools/reference"))) return root.resolve("tools/reference");
        } catch (URISyntaxException | RuntimeException e) {
            // fall through
        }
        return Path.of("tools", "reference");
    }
    // endregion
}
