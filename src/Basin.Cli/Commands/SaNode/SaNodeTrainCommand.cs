using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Basin.Data;
using Basin.Dynamics;
using Basin.SaNode;
using Basin.Tensors;
using Spectre.Console;

namespace Basin.Cli.Commands.SaNode;

/// <summary><c>basin sanode train</c>: trains with checkpoints every epoch and <c>--resume</c>.</summary>
public static class SaNodeTrainCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dataset = CommonOptions.Dataset("mnist, fashion or letters.", "mnist");
        var epochs = new Option<int>("--epochs") { Description = "Total epochs.", DefaultValueFactory = _ => 10 };
        var batch = new Option<int>("--batch") { Description = "Mini-batch size.", DefaultValueFactory = _ => 250 };
        var steps = new Option<int>("--steps") { Description = "Integration steps during training (T = steps·Δt).", DefaultValueFactory = _ => 55 };
        var dt = new Option<double>("--dt") { Description = "Step size Δt.", DefaultValueFactory = _ => 0.1 };
        var solver = new Option<string>("--solver") { Description = "euler, heun or rk4.", DefaultValueFactory = _ => "euler" };
        solver.AcceptOnlyFromAmong("euler", "heun", "rk4");
        var lr = new Option<double>("--lr") { Description = "Peak Adam learning rate.", DefaultValueFactory = _ => 1e-3 };
        var schedule = new Option<string>("--schedule") { Description = "constant or cosine.", DefaultValueFactory = _ => "constant" };
        schedule.AcceptOnlyFromAmong("constant", "cosine");
        var warmup = new Option<double>("--warmup") { Description = "Warm-up epochs.", DefaultValueFactory = _ => 0 };
        var noise = new Option<double>("--noise") { Description = "ε_train: share of pixels replaced by uniform noise.", DefaultValueFactory = _ => 0 };
        var augment = new Option<string>("--augment") { Description = "Random augmentation per image and epoch: none, or e.g. shift=2,rotate=10,scale=0.1 (affine), elastic=24,sigma=4 (elastic distortion), flip (mirror); preview with basin data augment.", DefaultValueFactory = _ => "none" };
        var seed = new Option<ulong>("--seed") { Description = "Seed for initialisation, shuffling and noise.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Output model file (.safetensors).", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint OUT.ckpt if it exists; recipe options given with it (--steps, --lr, --schedule, --augment, …) replace the checkpoint's, the others keep it." };
        var evalSteps = new Option<int>("--eval-steps") { Description = "Steps of the per-epoch validation (T = steps·Δt).", DefaultValueFactory = _ => 1200 };
        var evalCount = new Option<int>("--eval-count") { Description = "Test images scored after each epoch (0 = none).", DefaultValueFactory = _ => 1000 };
        var trainCount = new Option<int>("--train-count") { Description = "Use only the first N training images (0 = all).", DefaultValueFactory = _ => 0 };
        var idxDir = new Option<string?>("--idx-dir") { Description = "Directory with official IDX files instead of the npm cache." };
        var ckEvery = new Option<int>("--checkpoint-every") { Description = "Keep every k-th state and recompute segments in backward (0 = automatic, by memory).", DefaultValueFactory = _ => 0 };
        var specLr = new Option<double>("--spectral-lr-scale") { Description = "Learning-rate multiplier for λ and γ relative to Φ_train.", DefaultValueFactory = _ => 1.0 };
        var adjointClip = new Option<double>("--adjoint-clip") { Description = "Cap each sample's adjoint norm in the backward pass at this multiple of its ‖∂L/∂x(T)‖ (0 = exact gradients); for long horizons.", DefaultValueFactory = _ => 0 };
        var init = new Option<string>("--init") { Description = "Φ_train initialisation: complement (well conditioned) or reference (the authors' code).", DefaultValueFactory = _ => "complement" };
        init.AcceptOnlyFromAmong("complement", "reference");
        var from = new Option<string?>("--from") { Description = "Fine-tune: start from this trained model (file or pretrained:NAME) with a fresh optimiser and this command's recipe." };
        var cmd = new Command("train", "Train an SA-nODE classifier; checkpoints every epoch to OUT.ckpt, --resume continues.")
            { dataset, epochs, batch, steps, dt, solver, lr, schedule, warmup, noise, augment, seed, output, resume, evalSteps, evalCount, trainCount, idxDir, init, ckEvery, specLr, from, adjointClip };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var options = new SaNodeTrainOptions
            {
                Epochs = p.GetValue(epochs), BatchSize = p.GetValue(batch), Steps = p.GetValue(steps), Dt = p.GetValue(dt),
                Solver = p.GetValue(solver)!, LearningRate = p.GetValue(lr), Schedule = p.GetValue(schedule)!,
                WarmupEpochs = p.GetValue(warmup), NoiseTrain = p.GetValue(noise), Augment = p.GetValue(augment)!, Seed = p.GetValue(seed), CheckpointEvery = p.GetValue(ckEvery),
                SpectralLearningRateScale = p.GetValue(specLr), AdjointClip = p.GetValue(adjointClip),
            }.Validate();
            // On --resume the checkpoint's recipe holds, except for the recipe options given on this command line.
            var given = new HashSet<string>(StringComparer.Ordinal);
            foreach (var o in new Option[] { batch, steps, dt, solver, lr, schedule, warmup, noise, augment, specLr, ckEvery, adjointClip })
                if (p.GetResult(o) is { Implicit: false }) given.Add(o.Name);
            return Run(p.GetValue(dataset)!, options, p.GetValue(output)!, p.GetValue(resume), p.GetValue(evalSteps),
                p.GetValue(evalCount), p.GetValue(trainCount), p.GetValue(idxDir), p.GetValue(init)!, p.GetValue(from), given, ct);
        });
        return cmd;
    }

    private static int Run(string dataset, SaNodeTrainOptions options, string output, bool resume, int evalSteps, int evalCount,
        int trainCount, string? idxDir, string init, string? from, IReadOnlySet<string> given, CancellationToken ct)
    {
        var train = DataCommand.Load(dataset, DataSplit.Train, idxDir);
        if (trainCount > 0) train = train.Take(Math.Min(trainCount, train.Count));
        LabeledImages? test = null;
        if (evalCount > 0)
        {
            test = DataCommand.Load(dataset, DataSplit.Test, idxDir);
            test = test.Take(Math.Min(evalCount, test.Count));
        }
        string ckpt = output + ".ckpt";
        SaNodeTrainer trainer;
        bool resumed = resume && File.Exists(ckpt);
        if (resumed)
        {
            trainer = SaNodeTrainer.Resume(ckpt);
            if (trainer.Model.Config.N != train.PixelsPerImage) throw new InvalidDataException($"{ckpt}: checkpoint has N = {trainer.Model.Config.N}, dataset '{dataset}' has {train.PixelsPerImage} pixels.");
            trainer.ExtendTo(options.Epochs);
            var (retuned, changes) = SaNodeRecipeOverride.Apply(trainer.Options, options, given);
            if (changes.Count > 0) trainer.Retune(retuned);
            Console.Error.WriteLine($"resuming {ckpt} after epoch {trainer.EpochsDone} of {options.Epochs}"
                + (changes.Count > 0 ? "; recipe changed: " + string.Join(", ", changes) : ""));
        }
        else if (from != null)
        {
            var path = PretrainedModels.Resolve(from);
            var model = SaNodeFile.Load<float>(path);
            if (model.Config.N != train.PixelsPerImage) throw new InvalidDataException($"{from}: model has N = {model.Config.N}, dataset '{dataset}' has {train.PixelsPerImage} pixels.");
            trainer = new SaNodeTrainer(model, options);
            Console.Error.WriteLine($"fine-tuning {path} for {options.Epochs} epochs (T = {options.Steps * options.Dt:G4})");
        }
        else
        {
            var model = new SaNodeModel<float>(SaNodeCommand.ConfigFor(train) with { Init = init }, new Rng(options.Seed));
            trainer = new SaNodeTrainer(model, options);
        }
        var evalOptions = new SolverOptions(ButcherTableau.Parse(trainer.Options.Solver), trainer.Options.Dt, evalSteps, Clip: 10 * trainer.Model.Config.A);
        var provenance = new Dictionary<string, string>
        {
            ["dataset"] = dataset,
            ["train_images"] = train.Count.ToString(CultureInfo.InvariantCulture),
            ["recipe"] = JsonSerializer.Serialize(trainer.Options),
            ["command"] = "basin " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
        };
        // A resumed fine-tune keeps naming the model it started from.
        string? origin = resumed ? trainer.CheckpointMetadata.GetValueOrDefault("fine_tuned_from") : from;
        if (origin != null) provenance["fine_tuned_from"] = origin;
        // Share of an epoch's coupling preparations (one per optimiser step, one per validation) whose Φ⁻¹ was an exact LU
        // inversion rather than a Newton–Schulz refinement of the previous one (SaNodeModel.PrepareCoupling): a diagnostic
        // of how far each step moves Φ.
        var trained = trainer.Model;
        (int exact, int prepared) before = (trained.ExactInversions, trained.CouplingPreparations);
        void EpochDone(SaNodeEpoch e)
        {
            double exactShare = (trained.ExactInversions - before.exact) / (double)Math.Max(1, trained.CouplingPreparations - before.prepared);
            before = (trained.ExactInversions, trained.CouplingPreparations);
            provenance["epochs"] = e.Epoch.ToString(CultureInfo.InvariantCulture);
            trainer.SaveCheckpoint(ckpt, provenance);
            SaNodeFile.Save(output, trainer.Model, provenance);
            var inv = CultureInfo.InvariantCulture;
            var valid = e.ValidationAccuracy is double v
                ? string.Format(inv, "test[{0}] H {1:P2} m_f {2:F4} (T={3:G4}), ", test!.Count, v, e.ValidationOverlap, evalSteps * trainer.Options.Dt)
                : "";
            Console.Error.WriteLine(string.Format(inv, "epoch {0}/{1}: loss {2:F5}, train H {3:P2} (T={4:G3}), {5}γ {6:F4}, lr {7:G3}, {8:F0} s, Φ⁻¹ exact on {9:P0} of the steps",
                e.Epoch, trainer.Options.Epochs, e.Loss, e.TrainAccuracy, trainer.Options.Steps * trainer.Options.Dt, valid, e.Gamma, e.LearningRate, e.Seconds, exactShare));
        }
        if (Console.IsErrorRedirected || Console.IsOutputRedirected)
        {
            int lastPct = -1;
            var progress = new SyncProgress<SaNodeProgress>(pr =>
            {
                int pct = pr.Batch * 10 / pr.Batches;
                if (pct == lastPct) return;
                lastPct = pct;
                Console.Error.WriteLine(FormattableString.Invariant($"  epoch {pr.Epoch} {pr.Batch}/{pr.Batches}: loss {pr.Loss:F5} H {pr.Accuracy:P1} {pr.MsPerBatch:F0} ms/batch"));
            });
            trainer.Run(train, test, evalOptions, progress, EpochDone, ct);
        }
        else
        {
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    ProgressTask? task = null;
                    var progress = new SyncProgress<SaNodeProgress>(pr =>
                    {
                        if (task == null || pr.Batch == 1) task = ctx.AddTask($"epoch {pr.Epoch}", maxValue: pr.Batches);
                        task.Value = pr.Batch;
                        task.Description = FormattableString.Invariant($"epoch {pr.Epoch}/{trainer.Options.Epochs} loss {pr.Loss:F4} H {pr.Accuracy:P1} {pr.MsPerBatch:F0} ms/b");
                    });
                    trainer.Run(train, test, evalOptions, progress, EpochDone, ct);
                });
        }
        Console.WriteLine($"wrote {output} (checkpoint {ckpt})");
        return 0;
    }
}
