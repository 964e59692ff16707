package microgpt.guide.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import microgpt.data.Tokenizer;
import org.junit.jupiter.api.Test;

/** Which finished runs the Playground keeps, and in which order it lists them. */
class TrainingsTest {

    private static Trainings.Trained finished(double finalLoss) {
        return new Trainings.Trained(null, new Tokenizer(List.of("ab")), null, 10, finalLoss);
    }

    private static List<String> ids(Trainings trainings) {
        return trainings.keptRuns().stream().map(Trainings.Kept::id).toList();
    }

    @Test
    void theNewestRunIsListedFirstAndListingDoesNotReorder() {
        Trainings trainings = new Trainings(2);
        for (int n = 1; n <= 3; n++) trainings.keep("run-" + n, finished(n));
        trainings.trained("run-1");   // used: the last to be forgotten, still listed by age
        assertEquals(List.of("run-3", "run-2", "run-1"), ids(trainings));
        assertEquals(List.of("run-3", "run-2", "run-1"), ids(trainings));
    }

    @Test
    void beyondTheLimitTheLeastRecentlyUsedRunIsForgotten() {
        Trainings trainings = new Trainings(2);
        for (int n = 1; n <= Trainings.MAX_KEPT; n++) trainings.keep("run-" + n, finished(n));
        trainings.trained("run-1");
        trainings.keep("run-99", finished(99));
        assertEquals(Trainings.MAX_KEPT, trainings.keptRuns().size());
        assertTrue(trainings.trained("run-2").isEmpty(), "run-2 was the least recently used");
        assertTrue(trainings.trained("run-1").isPresent(), "run-1 was asked for after run-2");
        assertEquals("run-99", ids(trainings).get(0));
        assertEquals(2.0 + 1, trainings.trained("run-3").orElseThrow().finalLoss());
    }
}
