using System.CommandLine;
using Basin.Data;
using Basin.SaNode;
using Basin.SaNode.Training;

namespace Basin.Cli.Commands.SaNode;

/// <summary>
/// <c>basin sanode train</c>: trains with checkpoints every epoch and <c>--resume</c>. Recipe options left out take the
/// dataset's default recipe (<see cref="SaNodeRecipes"/>: the reference recipe for MNIST and Fashion-MNIST, the demo's
/// recipe for the letters); the run itself is <see cref="SaNodeTrainingRun"/>.
/// </summary>
public static class SaNodeTrainCommand
{
    private static readonly SaNodeTrainOptions Ref = SaNodeRecipes.Reference, Let = SaNodeRecipes.Letters;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dataset = CommonOptions.Dataset("mnist, fashion or letters.", "mnist");
        var epochs = new Option<int>("--epochs") { Description = $"Total epochs (default {Ref.Epochs}; letters {Let.Epochs}).", DefaultValueFactory = _ => Ref.Epochs };
        var batch = new Option<int>("--batch") { Description = $"Mini-batch size (default {Ref.BatchSize}; letters {Let.BatchSize}).", DefaultValueFactory = _ => Ref.BatchSize };
        var steps = new Option<int>("--steps") { Description = "Integration steps during training (T = steps·Δt).", DefaultValueFactory = _ => Ref.Steps };
        var dt = new Option<double>("--dt") { Description = "Step size Δt.", DefaultValueFactory = _ => Ref.Dt };
        var solver = CommonOptions.Solver(Ref.Solver);
        var lr = new Option<double>("--lr") { Description = $"Peak Adam learning rate (default {Ref.LearningRate:G3}; letters {Let.LearningRate:G3}).", DefaultValueFactory = _ => Ref.LearningRate };
        var schedule = new Option<string>("--schedule") { Description = "constant or cosine.", DefaultValueFactory = _ => Ref.Schedule };
        schedule.AcceptOnlyFromAmong("constant", "cosine");
        var warmup = new Option<double>("--warmup") { Description = "Warm-up epochs.", DefaultValueFactory = _ => Ref.WarmupEpochs };
        var noise = new Option<double>("--noise") { Description = $"ε_train: share of pixels replaced by uniform noise (default {Ref.NoiseTrain:G3}; letters {Let.NoiseTrain:G3}).", DefaultValueFactory = _ => Ref.NoiseTrain };
        var augment = new Option<string>("--augment") { Description = "Random augmentation per image and epoch: none, or e.g. shift=2,rotate=10,scale=0.1 (affine), elastic=24,sigma=4 (elastic distortion), flip (mirror); preview with basin data augment.", DefaultValueFactory = _ => Ref.Augment };
        var robust = new Option<string?>("--robust") { Description = "Robust-training recipe per batch: gaussian:σ (Gaussian noise for randomized smoothing, Cohen et al. 2019) or pgd:eps=ε[,steps=K][,step=α] (PGD adversarial examples through the ODE at the training horizon, Madry et al. 2018)." };
        var seed = CommonOptions.Seed(1, "Seed for initialisation, shuffling and noise (and the letters' noisy training copies).");
        var output = new Option<string>("--out", "-o") { Description = "Output model file (.safetensors).", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint OUT.ckpt if it exists; recipe options given with it (--steps, --lr, --schedule, --augment, …) replace the checkpoint's, the others keep it." };
        var evalSteps = new Option<int?>("--eval-steps") { Description = "Steps of the per-epoch validation (T = steps·Δt; default 1200)." };
        var evalCount = new Option<int?>("--eval-count") { Description = "Test images scored after each epoch (0 = none; default 1000)." };
        var trainCount = new Option<int>("--train-count") { Description = "Use only the first N training images (0 = all; the letters train on 40 noisy copies of each letter, ε = 0.1).", DefaultValueFactory = _ => 0 };
        var idxDir = new Option<string?>("--idx-dir") { Description = "Directory with official IDX files instead of the npm cache." };
        var ckEvery = new Option<int>("--checkpoint-every") { Description = "Keep every k-th state and recompute segments in backward (0 = automatic, by memory).", DefaultValueFactory = _ => 0 };
        var specLr = new Option<double>("--spectral-lr-scale") { Description = "Learning-rate multiplier for λ and γ relative to Φ_train.", DefaultValueFactory = _ => 1.0 };
        var adjointClip = new Option<double>("--adjoint-clip") { Description = "Cap each sample's adjoint norm in the backward pass at this multiple of its ‖∂L/∂x(T)‖ (0 = exact gradients); for long horizons.", DefaultValueFactory = _ => 0 };
        var gradient = new Option<string>("--gradient") { Description = "discrete (backpropagate through the steps to x(T)) or implicit (train the attractor reached: implicit adjoint at the fixed point).", DefaultValueFactory = _ => "discrete" };
        gradient.AcceptOnlyFromAmong("discrete", "implicit");
        var implicitHorizon = new Option<double>("--implicit-horizon") { Description = "With --gradient implicit: time integrated towards the attractor before the implicit adjoint.", DefaultValueFactory = _ => 30 };
        var init = new Option<string>("--init") { Description = "Φ_train initialisation: complement (well conditioned) or reference (the authors' code).", DefaultValueFactory = _ => "complement" };
        init.AcceptOnlyFromAmong("complement", "reference");
        var from = new Option<string?>("--from") { Description = "Fine-tune: start from this trained model (file or pretrained:NAME) with a fresh optimiser and this command's recipe." };
        var quiet = new Option<bool>("--quiet") { Description = "No progress display (epoch lines still go to stderr)." };
        var json = CommonOptions.Json();
        var cmd = new Command("train", "Train an SA-nODE classifier; checkpoints every epoch to OUT.ckpt, --resume continues. Options left out take the dataset's default recipe.")
            { dataset, epochs, batch, steps, dt, solver, lr, schedule, warmup, noise, augment, robust, seed, output, resume, evalSteps, evalCount, trainCount, idxDir, init, ckEvery, specLr, from, adjointClip, gradient, implicitHorizon, quiet, json };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var requested = new SaNodeTrainOptions
            {
                Epochs = p.GetValue(epochs), BatchSize = p.GetValue(batch), Steps = p.GetValue(steps), Dt = p.GetValue(dt),
                Solver = p.GetValue(solver)!, LearningRate = p.GetValue(lr), Schedule = p.GetValue(schedule)!,
                WarmupEpochs = p.GetValue(warmup), NoiseTrain = p.GetValue(noise), Augment = p.GetValue(augment)!, Robust = p.GetValue(robust), Seed = p.GetValue(seed), CheckpointEvery = p.GetValue(ckEvery),
                SpectralLearningRateScale = p.GetValue(specLr), AdjointClip = p.GetValue(adjointClip),
                Gradient = p.GetValue(gradient)!, ImplicitHorizon = p.GetValue(implicitHorizon),
            }.Validate();
            // The options given on the command line; the others come from the dataset's recipe (or, on --resume, the checkpoint's).
            var given = new HashSet<string>(StringComparer.Ordinal);
            foreach (var o in new Option[] { epochs, seed, batch, steps, dt, solver, lr, schedule, warmup, noise, augment, robust, specLr, ckEvery, adjointClip, gradient, implicitHorizon })
                if (p.GetResult(o) is { Implicit: false }) given.Add(o.Name);
            var name = p.GetValue(dataset)!;
            var request = new SaNodeTrainRequest(name, SaNodeRecipes.Resolve(name, requested, given), p.GetValue(output)!, given,
                p.GetValue(resume), p.GetValue(from), p.GetValue(init)!, p.GetValue(evalSteps), p.GetValue(evalCount), p.GetValue(trainCount),
                new DataOptions { IdxDirectory = p.GetValue(idxDir), Progress = new Progress<string>(Terminal.Note) },
                "basin " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)));
            if (request.TrainCount < 0) throw new ArgumentException("--train-count must be ≥ 0.");
            return Run(request, p.GetValue(quiet), p.GetValue(json), ct);
        });
        return cmd;
    }

    private static int Run(SaNodeTrainRequest request, bool quiet, bool json, CancellationToken ct)
    {
        var run = SaNodeTrainingRun.Prepare(request);
        var trainer = run.Trainer;
        Terminal.Note(run.StartNote);
        int batches = (run.Train.Count + trainer.Options.BatchSize - 1) / trainer.Options.BatchSize;
        SaNodeEpoch? last = null;
        int first = trainer.EpochsDone, total = Math.Max(1, (trainer.Options.Epochs - first) * batches);
        ProgressRunner.Run($"training to epoch {trainer.Options.Epochs}", total, progress =>
            run.Run(new SyncProgress<SaNodeProgress>(pr => progress.Report((pr.Epoch - 1 - first) * batches + pr.Batch)),
                (e, line) => { last = e; Terminal.Note(line); }, ct), quiet);
        if (json)
            JsonPrinter.Print(new System.Text.Json.Nodes.JsonObject
            {
                ["model"] = run.Output, ["checkpoint"] = run.Checkpoint, ["dataset"] = request.Dataset, ["epochs"] = trainer.EpochsDone,
                ["loss"] = last?.Loss, ["train_accuracy"] = last?.TrainAccuracy, ["validation_accuracy"] = last?.ValidationAccuracy,
                ["validation_overlap"] = last?.ValidationOverlap, ["gamma"] = last?.Gamma,
            });
        else Console.WriteLine($"wrote {run.Output} (checkpoint {run.Checkpoint})");
        return 0;
    }
}
