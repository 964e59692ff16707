package microgpt.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The {@code --progress} bar: one line on the command's error stream, redrawn in place, so that
 * standard output keeps only the log. Closing it draws it once more and ends its line.
 */
final class ProgressLine {

    private ProgressLine() {}

    /** How much of the work must be done before an ETA is shown. */
    static final double ETA_AFTER = 0.05;

    static ProgressBar start(String task, long max, PrintWriter err) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setEtaFunction(state -> eta(state.getCurrent(), state.getMax(), state.getElapsedAfterStart()))
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print('\r');
                    err.print(line);
                    err.flush();
                }) {
                    @Override
                    public void close() {
                        err.println();
                        err.flush();
                    }
                })
                .build();
    }

    /**
     * Time left at the average rate so far, but nothing ("?") for the first 5%: the first steps
     * run before the JIT has compiled them, and their rate promised 22 minutes for a run that
     * took two.
     */
    static Optional<Duration> eta(long done, long max, Duration elapsed) {
        if (max <= 0 || done < ETA_AFTER * max) return Optional.empty();
        return Optional.of(elapsed.multipliedBy(max - done).dividedBy(done));
    }
}
