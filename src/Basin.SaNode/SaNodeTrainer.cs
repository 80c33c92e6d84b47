using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Basin.Autodiff;
using Basin.Data;
using Basin.Tensors;
using Basin.Tensors.IO;

namespace Basin.SaNode;

/// <summary>Progress of a training run, reported after every mini-batch.</summary>
/// <param name="Epoch">Current epoch (1-based).</param>
/// <param name="Batch">Mini-batches done in this epoch.</param>
/// <param name="Batches">Mini-batches per epoch.</param>
/// <param name="Loss">Running mean MSE of this epoch.</param>
/// <param name="Accuracy">Running H (m ≥ 0.95 at the training horizon) of this epoch.</param>
/// <param name="LearningRate">Current learning rate.</param>
/// <param name="MsPerBatch">Mean wall time per mini-batch in this epoch.</param>
public sealed record SaNodeProgress(int Epoch, int Batch, int Batches, double Loss, double Accuracy, double LearningRate, double MsPerBatch);

/// <summary>One finished epoch.</summary>
public sealed record SaNodeEpoch(int Epoch, double Loss, double TrainAccuracy, double? ValidationAccuracy, double? ValidationOverlap,
    double Seconds, double LearningRate, double Gamma);

/// <summary>
/// Mini-batch training of an SA-nODE classifier (float32): each batch is integrated with the fused solver, the MSE to the
/// class attractor is backpropagated through the steps to Φ_train, λ and γ, and Adam updates them. Shuffling and noise are
/// seeded per epoch and batch, so a run resumed from a checkpoint continues exactly as an uninterrupted run would.
/// </summary>
public sealed class SaNodeTrainer
{
    private readonly Parameter<float> _phi, _lambda, _gamma;
    private readonly Adam<float> _adam;

    /// <summary>Creates a trainer for a freshly initialised or loaded model.</summary>
    public SaNodeTrainer(SaNodeModel<float> model, SaNodeTrainOptions options)
    {
        Options = options.Validate();
        Model = model;
        // Training steps invert Φ in float (as PyTorch does on a float model); see SaNodeModel.SinglePrecisionInverse.
        model.SinglePrecisionInverse = true;
        Runner = new SaNodeRunner<float>(model);
        _phi = new Parameter<float>(model.PhiTrain);
        _lambda = new Parameter<float>(model.Lambda);
        _gamma = new Parameter<float>(Tensor.FromSpan(new[] { (float)model.Gamma }, 1));
        _adam = new Adam<float>(new[] { ("phi_train", _phi), ("lambda", _lambda), ("gamma", _gamma) }, new AdamOptions(options.LearningRate));
        ApplyScales();
    }

    /// <summary>The model being trained.</summary>
    public SaNodeModel<float> Model { get; }

    /// <summary>The runner (solver and field).</summary>
    public SaNodeRunner<float> Runner { get; }

    /// <summary>The recipe.</summary>
    public SaNodeTrainOptions Options { get; private set; }

    /// <summary>The metadata of the checkpoint this trainer was resumed from (provenance included); empty for a fresh trainer.</summary>
    public IReadOnlyDictionary<string, string> CheckpointMetadata { get; private set; } = new Dictionary<string, string>();

    /// <summary>Epochs completed.</summary>
    public int EpochsDone { get; private set; }

    /// <summary>Per-epoch history.</summary>
    public List<SaNodeEpoch> History { get; } = new();

    /// <summary>Extends the run to <paramref name="epochs"/> total epochs (for resuming with a longer budget).</summary>
    public void ExtendTo(int epochs) => Options = (Options with { Epochs = epochs }).Validate();

    /// <summary>Replaces the recipe of a resumed run (e.g. a new schedule or spectral rate for fine-tuning); the epoch count continues.</summary>
    public void Retune(SaNodeTrainOptions options)
    {
        Options = options.Validate();
        ApplyScales();
    }

    private void ApplyScales()
    {
        _adam.SetLearningRateScale("lambda", Options.SpectralLearningRateScale);
        _adam.SetLearningRateScale("gamma", Options.SpectralLearningRateScale);
    }

    /// <summary>
    /// Trains until <see cref="SaNodeTrainOptions.Epochs"/> epochs are done. After each epoch it evaluates
    /// <paramref name="validation"/> (if given) at <paramref name="evalOptions"/> and calls <paramref name="epochDone"/>
    /// (e.g. to write a checkpoint).
    /// </summary>
    public void Run(LabeledImages train, LabeledImages? validation, Dynamics.SolverOptions? evalOptions,
        IProgress<SaNodeProgress>? progress = null, Action<SaNodeEpoch>? epochDone = null, CancellationToken cancel = default)
    {
        int n = Model.Config.N, bs = Options.BatchSize;
        if (train.PixelsPerImage != n) throw new ArgumentException($"The model has N = {n} nodes but '{train.Name}' images have {train.PixelsPerImage} pixels.");
        if (train.ClassCount > Model.Config.K) throw new ArgumentException($"'{train.Name}' has {train.ClassCount} classes; the model plants {Model.Config.K} attractors.");
        var solver = Options.SolverOptions(Model.Config.A);
        var x0 = new float[bs * n]; var y = new float[bs * n];
        var patterns = Model.Patterns.ToArray();
        var augment = Augmentation.Parse(Options.Augment);
        var scratch = new float[n];
        var robust = Options.Robust is { } spec ? Training.Robust.RobustTraining.Parse(spec) : null;
        int batches = (train.Count + bs - 1) / bs;
        while (EpochsDone < Options.Epochs)
        {
            int epoch = EpochsDone + 1;
            var perm = new Rng(Options.Seed).Fork((ulong)epoch).Permutation(train.Count);
            var metrics = new SaNodeMetrics(Model.Config.K);
            double lossSum = 0; long seen = 0;
            var sw = Stopwatch.StartNew();
            double lr = 0;
            for (int b = 0; b < batches; b++)
            {
                cancel.ThrowIfCancellationRequested();
                int start = b * bs, count = Math.Min(bs, train.Count - start);
                var noise = new Random(unchecked((int)(Options.Seed * 1_000_003UL + (ulong)epoch * 100_003UL + (ulong)b)));
                var labels = new byte[count];
                for (int i = 0; i < count; i++)
                {
                    int idx = perm[start + i];
                    var img = x0.AsSpan(i * n, n);
                    train.Image(idx).CopyTo(img);
                    augment.ApplyInPlace(img, train.Rows, train.Cols, noise, scratch);
                    if (Options.NoiseTrain > 0) Noise.CorruptInPlace(img, Options.NoiseTrain, noise);
                    labels[i] = train.Labels[idx];
                    patterns.AsSpan(labels[i] * n, n).CopyTo(y.AsSpan(i * n, n));
                }
                robust?.Apply(Runner, x0.AsSpan(0, count * n), y.AsSpan(0, count * n), count, solver, noise);
                lr = Options.LearningRateAt(EpochsDone + (double)b / batches);
                double loss = Step(x0.AsSpan(0, count * n), y.AsSpan(0, count * n), count, solver, lr, cancel);
                lossSum += loss * count; seen += count;
                metrics.Add<float>(Runner.LastStates, labels, patterns, n, Model.Config.A);
                progress?.Report(new SaNodeProgress(epoch, b + 1, batches, lossSum / seen, metrics.Accuracy, lr, sw.Elapsed.TotalMilliseconds / (b + 1)));
            }
            double secs = sw.Elapsed.TotalSeconds;
            double? vAcc = null, vOv = null;
            if (validation != null && evalOptions != null)
            {
                var vm = SaNodeEvaluator.Evaluate(Runner, validation, evalOptions, cancel: cancel);
                vAcc = vm.Accuracy; vOv = vm.Overlap;
            }
            EpochsDone = epoch;
            var rec = new SaNodeEpoch(epoch, lossSum / seen, metrics.Accuracy, vAcc, vOv, secs, lr, Model.Gamma);
            History.Add(rec);
            epochDone?.Invoke(rec);
        }
    }

    /// <summary>One optimisation step on a prepared batch; returns the MSE loss.</summary>
    public double Step(ReadOnlySpan<float> x0, ReadOnlySpan<float> y, int count, Dynamics.SolverOptions solver, double learningRate,
        CancellationToken cancel = default)
    {
        Runner.Refresh();
        var (loss, _) = Options.Gradient == "implicit"
            ? Runner.TrainStepImplicit(x0, y, count, solver with { Steps = (int)Math.Round(Options.ImplicitHorizon / solver.Dt) }, cancel)
            : Runner.TrainStep(x0, y, count, solver, cancel, Options.CheckpointInterval(Model.Config.N));
        if (!double.IsFinite(loss)) throw new ArithmeticException($"SA-nODE training diverged: loss is {loss} at epoch {EpochsDone + 1}.");
        Model.GradPhiTrain.Span.CopyTo(_phi.GradientSpan());
        Model.GradLambda.Span.CopyTo(_lambda.GradientSpan());
        _gamma.GradientSpan()[0] = (float)Model.GradGamma;
        _gamma.Value.Span[0] = (float)Model.Gamma;
        if (Options.ClipNorm > 0) GradientClipping.ClipByGlobalNorm(_adam.Parameters.Select(p => p.Parameter), Options.ClipNorm);
        _adam.LearningRate = learningRate;
        _adam.Step();
        Model.Gamma = _gamma.Value.Span[0];
        return loss;
    }

    /// <summary>Writes a resumable checkpoint: the model, Adam's state, the epoch count, the recipe and the history.</summary>
    public void SaveCheckpoint(string path, IReadOnlyDictionary<string, string>? provenance = null)
    {
        var bundle = SaNodeFile.AddTo(new TensorBundle(path), Model);
        int n = Model.Config.N;
        bundle.Add("inverse_cache", Tensor.FromSpan<float>(Model.InverseCache, n, n));
        var (failures, skip) = Model.RefinementBackoff;
        bundle.Metadata["checkpoint.inverse_backoff"] = string.Create(CultureInfo.InvariantCulture, $"{failures},{skip}");
        var st = _adam.GetState();
        foreach (var (name, t) in st.Tensors) bundle.Add("opt." + name, t);
        foreach (var (k, v) in st.Metadata) bundle.Metadata["opt." + k] = v;
        bundle.Metadata["checkpoint.epochs_done"] = EpochsDone.ToString(CultureInfo.InvariantCulture);
        bundle.Metadata["checkpoint.options"] = JsonSerializer.Serialize(Options);
        bundle.Metadata["checkpoint.history"] = JsonSerializer.Serialize(History);
        if (provenance != null) foreach (var (k, v) in provenance) bundle.Metadata[k] = v;
        SafeTensors.Save(path, bundle);
    }

    /// <summary>
    /// Restores a trainer from a checkpoint written by <see cref="SaveCheckpoint"/>. Any malformed part (recipe or
    /// history JSON, recipe values, optimiser state, counters) is an <see cref="InvalidDataException"/> naming the file.
    /// </summary>
    public static SaNodeTrainer Resume(string path)
    {
        var bundle = SafeTensors.Load(path);
        try
        {
            return Resume(bundle, path);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or KeyNotFoundException or FormatException
                                      or OverflowException or TensorShapeException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: not a usable training checkpoint ({e.Message})", e);
        }
    }

    private static SaNodeTrainer Resume(TensorBundle bundle, string path)
    {
        var model = SaNodeFile.FromBundle<float>(bundle);
        if (!bundle.Metadata.TryGetValue("checkpoint.options", out var optJson))
            throw new InvalidDataException($"{path}: a model file, not a training checkpoint (no optimiser state to resume).");
        var options = JsonSerializer.Deserialize<SaNodeTrainOptions>(optJson) ?? throw new InvalidDataException($"{path}: empty training options.");
        var trainer = new SaNodeTrainer(model, options);
        var tensors = new Dictionary<string, Tensor<float>>(StringComparer.Ordinal);
        foreach (var name in bundle.Names.Where(n => n.StartsWith("opt.", StringComparison.Ordinal)))
            tensors[name[4..]] = bundle.GetFloat(name);
        var meta = bundle.Metadata.Where(kv => kv.Key.StartsWith("opt.", StringComparison.Ordinal)).ToDictionary(kv => kv.Key[4..], kv => kv.Value);
        trainer._adam.LoadState(new OptimizerState<float>(tensors, meta));
        if (bundle.Contains("inverse_cache"))
        {
            int n = model.Config.N;
            bundle.GetFloat("inverse_cache", n, n).Span.CopyTo(model.InverseCache);
            model.AdoptInverseCache();
        }
        if (bundle.Metadata.TryGetValue("checkpoint.inverse_backoff", out var bo) && bo.Split(',') is [var f, var sk]
            && int.TryParse(f, CultureInfo.InvariantCulture, out int fi) && int.TryParse(sk, CultureInfo.InvariantCulture, out int si))
            model.RefinementBackoff = (fi, si);
        trainer.CheckpointMetadata = new Dictionary<string, string>(bundle.Metadata, StringComparer.Ordinal);
        trainer.EpochsDone = int.Parse(bundle.GetMetadata("checkpoint.epochs_done"), CultureInfo.InvariantCulture);
        if (bundle.Metadata.TryGetValue("checkpoint.history", out var h))
            trainer.History.AddRange(JsonSerializer.Deserialize<List<SaNodeEpoch>>(h) ?? new());
        return trainer;
    }
}
