package microgpt.cli;

import microgpt.fast.EngineChoice;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import microgpt.checkpoint.Checkpoint;
import microgpt.data.PyFormat;
import microgpt.fast.EpochTraining;
import microgpt.fast.FusedGpt;
import microgpt.train.TrainingLog;

/**
 * {@code train --epochs E}: the whole data set, several times, with the fused engine, and the
 * loss on held-out names after every pass (see {@link EpochTraining}).
 */
final class EpochCommand {

    static final int MAX_EPOCHS = 100;

    private final TrainCommand train;
    private final EngineChoice.Choice choice;

    EpochCommand(TrainCommand train, EngineChoice.Choice choice) {
        this.train = train;
        this.choice = choice;
    }

    int run() throws IOException {
        TrainCommand.requireRange("--epochs", train.epochs, 1, MAX_EPOCHS);
        if (train.spec.commandLine().getParseResult().hasMatchedOption("--steps")) {
            throw new IllegalArgumentException("--steps and --epochs are alternatives: give one of them");
        }
        if (choice.step() < 3) {
            throw new IllegalArgumentException("--epochs trains the transformer (steps 3 to 5) with the fused engine");
        }
        if (train.engine != null && choice.engine() != EngineChoice.Engine.FUSED) {
            throw new IllegalArgumentException("--epochs trains with the fused engine; drop --engine " + train.engine);
        }
        double temperature = train.temperature != null ? train.temperature : microgpt.steps.Steps.info(choice.step()).temperature();
        List<String> docs = train.data.load();
        PrintWriter out = train.spec.commandLine().getOut();
        ProgressBar[] bar = {null};
        double[] losses = train.lossesOut != null ? new double[0] : null;
        double[][] collected = {losses};
        EpochTraining.Settings settings = new EpochTraining.Settings(train.seed, train.epochs, choice.config(),
                choice.optimizer(), choice.learningRate(), temperature, train.numSamples);
        int epochs = train.epochs;
        EpochTraining.Result result = EpochTraining.run(docs, settings, new EpochTraining.Listener() {
            @Override
            public void onStart(int trainNames, int validationNames, FusedGpt model, double validationLoss) {
                out.println(TrainingLog.numDocs(docs.size()));
                out.println(TrainingLog.vocabSize(model.vocabSize()));
                out.println(TrainingLog.numParams(model.parameterCount()));
                out.println("train names: " + trainNames + " | validation names: " + validationNames
                        + " | steps per epoch: " + trainNames);
                out.println(epochLine(0, epochs) + " | val loss " + PyFormat.fixed(validationLoss, 4));
                out.flush();
                if (collected[0] != null) collected[0] = new double[epochs * trainNames];
                if (train.progress) bar[0] = train.progressBar((long) epochs * trainNames);
            }

            @Override
            public void onStep(long step, long totalSteps, double loss) {
                if (collected[0] != null) collected[0][(int) step] = loss;
                if (bar[0] != null && step % 100 == 99) bar[0].stepTo(step + 1);
            }

            @Override
            public void onEpoch(int epoch, int total, double trainLoss, double validationLoss, double seconds) {
                out.println(epochLine(epoch, total) + " | train loss " + PyFormat.fixed(trainLoss, 4)
                        + " | val loss " + PyFormat.fixed(validationLoss, 4) + " | " + String.format("%.1f s", seconds));
                out.flush();
            }
        });
        if (bar[0] != null) bar[0].close();
        if (collected[0] != null) train.writeLosses(collected[0]);
        if (train.save != null) {
            Checkpoint.of(choice.step(), choice.config(), choice.optimizer(), result.tokenizer(), result.model()).save(train.save);
        }
        out.println();
        out.println(TrainingLog.INFERENCE_HEADER);
        for (int i = 0; i < result.samples().size(); i++) out.println(TrainingLog.sampleLine(i, result.samples().get(i)));
        out.flush();
        return 0;
    }

    private static String epochLine(int epoch, int epochs) {
        return "epoch " + PyFormat.padded(epoch, 3) + " / " + PyFormat.padded(epochs, 3);
    }
}
