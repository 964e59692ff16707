package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    /** The first ETA of a 57,660-step run read 0:22:01 for a run of two minutes: the JIT was still warming up. */
    @Test
    void noEtaBeforeFivePercentThenTheAverageRateSoFar() {
        assertEquals(Optional.empty(), ProgressLine.eta(100, 57_660, Duration.ofSeconds(2)));
        assertEquals(Optional.empty(), ProgressLine.eta(2_882, 57_660, Duration.ofSeconds(10)));
        assertEquals(Optional.of(Duration.ofSeconds(10)), ProgressLine.eta(500, 1_000, Duration.ofSeconds(10)));
        assertEquals(Optional.of(Duration.ZERO), ProgressLine.eta(1_000, 1_000, Duration.ofSeconds(10)));
        assertEquals(Optional.empty(), ProgressLine.eta(0, 0, Duration.ZERO));
    }
}
