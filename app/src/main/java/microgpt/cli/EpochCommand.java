package microgpt.cli;

import microgpt.fast.EngineChoice;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import microgpt.checkpoint.Checkpoint;
import microgpt.data.PyFormat;
import microgpt.data.Tokenizer;
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
        TrainCommand.requireMemory(choice, new Tokenizer(docs).vocabSize);
        PrintWriter out = train.spec.commandLine().getOut();
        EpochTraining.Settings settings = new EpochTraining.Settings(train.seed, train.epochs, choice.config(),
                choice.optimizer(), choice.learningRate(), temperature, train.numSamples);
        Printer printer = new Printer(out, docs.size());
        EpochTraining.Result result;
        try {
            result = EpochTraining.run(docs, settings, printer);
        } finally {
            printer.closeBar();
        }
        train.writeOutputs(printer.losses,
                () -> Checkpoint.of(choice.step(), choice.config(), choice.optimizer(), result.tokenizer(), result.model()));
        out.println();
        out.println(TrainingLog.INFERENCE_HEADER);
        for (int i = 0; i < result.samples().size(); i++) out.println(TrainingLog.sampleLine(i, result.samples().get(i)));
        out.flush();
        return 0;
    }

    private static String epochLine(int epoch, int epochs) {
        return "epoch " + PyFormat.padded(epoch, 3) + " / " + PyFormat.padded(epochs, 3);
    }

    /**
     * Prints the header and a line per epoch, keeps the losses for --losses-out, and with
     * --progress draws one bar per epoch on stderr, finished and ended before its epoch's line
     * is printed, so the two never share a line.
     */
    private final class Printer implements EpochTraining.Listener {
        private final PrintWriter out;
        private final int numDocs;
        private int trainNames;
        private ProgressBar bar;
        double[] losses;

        Printer(PrintWriter out, int numDocs) {
            this.out = out;
            this.numDocs = numDocs;
        }

        @Override
        public void onStart(int trainNames, int validationNames, FusedGpt model, double validationLoss) {
            this.trainNames = trainNames;
            out.println(TrainingLog.numDocs(numDocs));
            out.println(TrainingLog.vocabSize(model.vocabSize()));
            out.println(TrainingLog.numParams(model.parameterCount()));
            out.println("train names: " + trainNames + " | validation names: " + validationNames
                    + " | steps per epoch: " + trainNames);
            out.println(epochLine(0, train.epochs) + " | val loss " + PyFormat.fixed(validationLoss, 4));
            out.flush();
            if (train.lossesOut != null) losses = new double[train.epochs * trainNames];
            startBar(1);
        }

        @Override
        public void onStep(long step, long totalSteps, double loss) {
            TrainingDiverged.check(step + 1, loss, choice.learningRate(), microgpt.steps.Steps.info(choice.step()).learningRate());
            if (losses != null) losses[(int) step] = loss;
            long doneThisEpoch = step % trainNames + 1;
            if (bar != null && doneThisEpoch % 100 == 0) {   // a bar update per step would cost more than the step
                bar.stepTo(doneThisEpoch);
                bar.setExtraMessage("loss " + PyFormat.fixed(loss, 4));
            }
        }

        @Override
        public void onEpoch(int epoch, int epochs, double trainLoss, double validationLoss, double seconds) {
            if (bar != null) bar.stepTo(trainNames);
            closeBar();
            out.println(epochLine(epoch, epochs) + " | train loss " + PyFormat.fixed(trainLoss, 4)
                    + " | val loss " + PyFormat.fixed(validationLoss, 4) + " | " + String.format("%.1f s", seconds));
            out.flush();
            if (epoch < epochs) startBar(epoch + 1);
        }

        private void startBar(int epoch) {
            if (train.progress) bar = train.progressBar("epoch " + epoch + "/" + train.epochs, trainNames);
        }

        void closeBar() {
            if (bar != null) bar.close();
            bar = null;
        }
    }
}
