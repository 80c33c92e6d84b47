using System.Globalization;
using System.Text.Json;
using Basin.Data;
using Basin.Dynamics;
using Basin.Tensors;

namespace Basin.SaNode.Training;

/// <summary>What <c>basin sanode train</c> asks for: a dataset, a recipe, where to write, and how to start.</summary>
/// <param name="Dataset">Dataset name (mnist, fashion, letters).</param>
/// <param name="Options">The recipe (already resolved against the dataset's defaults, <see cref="SaNodeRecipes.Resolve"/>).</param>
/// <param name="Output">Model file; the checkpoint is <c>Output + ".ckpt"</c>.</param>
/// <param name="Given">Recipe options given explicitly (command-line names); on resume only these replace the checkpoint's.</param>
/// <param name="Resume">Continue from the checkpoint when it exists.</param>
/// <param name="From">Fine-tune: a model file or <c>pretrained:NAME</c> to start from.</param>
/// <param name="Init">Φ_train initialisation of a fresh model (complement or reference).</param>
/// <param name="ValidationSteps">Steps of the per-epoch validation (null: the dataset recipe's).</param>
/// <param name="ValidationCount">Test images scored per epoch (null: the dataset recipe's; 0 = none).</param>
/// <param name="TrainCount">Use only the first N training images (0 = all).</param>
/// <param name="Data">Where the datasets are read from.</param>
/// <param name="Command">The command line, kept in the model's provenance.</param>
public sealed record SaNodeTrainRequest(string Dataset, SaNodeTrainOptions Options, string Output, IReadOnlySet<string> Given,
    bool Resume = false, string? From = null, string Init = "complement", int? ValidationSteps = null, int? ValidationCount = null,
    int TrainCount = 0, DataOptions? Data = null, string Command = "");

/// <summary>
/// One training run of <c>basin sanode train</c> as a library call: loads the data, builds the trainer (fresh, resumed
/// from <c>OUT.ckpt</c> with the given recipe options replacing the checkpoint's, or fine-tuned from a model), and trains,
/// writing the checkpoint and the model after every epoch with their provenance (dataset, recipe, command).
/// </summary>
public sealed class SaNodeTrainingRun
{
    private readonly Dictionary<string, string> _provenance;

    private SaNodeTrainingRun(SaNodeTrainer trainer, LabeledImages train, LabeledImages? test, SolverOptions eval, string output,
        Dictionary<string, string> provenance, string start)
    {
        Trainer = trainer; Train = train; Test = test; EvalOptions = eval; Output = output; _provenance = provenance; StartNote = start;
    }

    /// <summary>The trainer.</summary>
    public SaNodeTrainer Trainer { get; }

    /// <summary>The training images.</summary>
    public LabeledImages Train { get; }

    /// <summary>The per-epoch validation images, or null.</summary>
    public LabeledImages? Test { get; }

    /// <summary>Solver of the per-epoch validation.</summary>
    public SolverOptions EvalOptions { get; }

    /// <summary>The model file written after each epoch.</summary>
    public string Output { get; }

    /// <summary>The checkpoint file (<see cref="Output"/> + ".ckpt").</summary>
    public string Checkpoint => Output + ".ckpt";

    /// <summary>How the run starts (fresh, resumed after epoch k with recipe changes, fine-tuned from a file).</summary>
    public string StartNote { get; }

    /// <summary>Loads the data and builds the trainer for <paramref name="r"/>.</summary>
    public static SaNodeTrainingRun Prepare(SaNodeTrainRequest r)
    {
        var recipe = SaNodeRecipes.For(r.Dataset);
        var train = recipe.LoadTraining(r.Data, r.Options.Seed);
        if (r.TrainCount > 0) train = train.Take(Math.Min(r.TrainCount, train.Count));
        int validationCount = r.ValidationCount ?? recipe.ValidationCount;
        LabeledImages? test = null;
        if (validationCount > 0)
        {
            test = Datasets.Load(recipe.Dataset, DataSplit.Test, r.Data);
            test = test.Take(Math.Min(validationCount, test.Count));
        }
        string ckpt = r.Output + ".ckpt", start;
        SaNodeTrainer trainer;
        bool resumed = r.Resume && File.Exists(ckpt);
        if (resumed)
        {
            trainer = SaNodeTrainer.Resume(ckpt);
            if (trainer.Model.Config.N != train.PixelsPerImage) throw new InvalidDataException($"{ckpt}: checkpoint has N = {trainer.Model.Config.N}, dataset '{r.Dataset}' has {train.PixelsPerImage} pixels.");
            trainer.ExtendTo(r.Options.Epochs);
            var (retuned, changes) = SaNodeRecipeOverride.Apply(trainer.Options, r.Options, r.Given);
            if (changes.Count > 0) trainer.Retune(retuned);
            start = $"resuming {ckpt} after epoch {trainer.EpochsDone} of {r.Options.Epochs}" + (changes.Count > 0 ? "; recipe changed: " + string.Join(", ", changes) : "");
        }
        else if (r.From != null)
        {
            var path = PretrainedModels.Resolve(r.From);
            var model = SaNodeFile.Load<float>(path);
            if (model.Config.N != train.PixelsPerImage) throw new InvalidDataException($"{r.From}: model has N = {model.Config.N}, dataset '{r.Dataset}' has {train.PixelsPerImage} pixels.");
            trainer = new SaNodeTrainer(model, r.Options);
            start = $"fine-tuning {path} for {r.Options.Epochs} epochs (T = {r.Options.Steps * r.Options.Dt:G4})";
        }
        else
        {
            var config = new SaNodeConfig { N = train.PixelsPerImage, K = train.ClassCount, Init = r.Init };
            trainer = new SaNodeTrainer(new SaNodeModel<float>(config, new Rng(r.Options.Seed)), r.Options);
            start = string.Format(CultureInfo.InvariantCulture, "training on {0} {1} images for {2} epochs (batches of {3}, lr {4:G3}, ε_train {5:G3})",
                train.Count, recipe.Dataset, r.Options.Epochs, r.Options.BatchSize, r.Options.LearningRate, r.Options.NoiseTrain);
        }
        var eval = new SolverOptions(ButcherTableau.Parse(trainer.Options.Solver), trainer.Options.Dt, r.ValidationSteps ?? recipe.ValidationSteps,
            Clip: 10 * trainer.Model.Config.A).Validate();
        var provenance = new Dictionary<string, string>
        {
            ["dataset"] = recipe.Dataset,
            ["train_images"] = train.Count.ToString(CultureInfo.InvariantCulture),
            ["recipe"] = JsonSerializer.Serialize(trainer.Options),
            ["command"] = r.Command,
        };
        // A resumed fine-tune keeps naming the model it started from.
        string? origin = resumed ? trainer.CheckpointMetadata.GetValueOrDefault("fine_tuned_from") : r.From;
        if (origin != null) provenance["fine_tuned_from"] = origin;
        return new SaNodeTrainingRun(trainer, train, test, eval, r.Output, provenance, start);
    }

    /// <summary>
    /// Trains to the recipe's epoch count. After each epoch writes the checkpoint and the model, then calls
    /// <paramref name="epochDone"/> with the epoch and its one-line summary (<see cref="Describe"/>).
    /// </summary>
    public void Run(IProgress<SaNodeProgress>? progress = null, Action<SaNodeEpoch, string>? epochDone = null, CancellationToken cancel = default)
    {
        var trained = Trainer.Model;
        // Share of an epoch's coupling preparations (one per optimiser step, one per validation) whose Φ⁻¹ was an exact LU
        // inversion rather than a Newton–Schulz refinement of the previous one (SaNodeModel.PrepareCoupling).
        (int exact, int prepared) before = (trained.ExactInversions, trained.CouplingPreparations);
        Trainer.Run(Train, Test, EvalOptions, progress, e =>
        {
            double exactShare = (trained.ExactInversions - before.exact) / (double)Math.Max(1, trained.CouplingPreparations - before.prepared);
            before = (trained.ExactInversions, trained.CouplingPreparations);
            _provenance["epochs"] = e.Epoch.ToString(CultureInfo.InvariantCulture);
            Trainer.SaveCheckpoint(Checkpoint, _provenance);
            SaNodeFile.Save(Output, Trainer.Model, _provenance);
            epochDone?.Invoke(e, Describe(e, exactShare));
        }, cancel);
    }

    /// <summary>The epoch line: loss, training H, validation H and m_f, γ, learning rate, seconds, share of exact Φ⁻¹.</summary>
    public string Describe(SaNodeEpoch e, double exactShare)
    {
        var inv = CultureInfo.InvariantCulture;
        var o = Trainer.Options;
        var valid = e.ValidationAccuracy is double v
            ? string.Format(inv, "test[{0}] H {1:P2} m_f {2:F4} (T={3:G4}), ", Test!.Count, v, e.ValidationOverlap, EvalOptions.Steps * o.Dt)
            : "";
        return string.Format(inv, "epoch {0}/{1}: loss {2:F5}, train H {3:P2} (T={4:G3}), {5}γ {6:F4}, lr {7:G3}, {8:F0} s, Φ⁻¹ exact on {9:P0} of the steps",
            e.Epoch, o.Epochs, e.Loss, e.TrainAccuracy, o.Steps * o.Dt, valid, e.Gamma, e.LearningRate, e.Seconds, exactShare);
    }
}
