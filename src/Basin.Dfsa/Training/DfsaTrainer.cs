using System.Globalization;
using Basin.Dfsa.Estimation;
using Basin.Dfsa.Inputs;
using Basin.Dfsa.Networks;
using Basin.Tensors.IO;

namespace Basin.Dfsa.Training;

/// <summary>
/// Data-free training (white paper §E): each step draws a fresh batch X ∼ p(x), evaluates the weighted terms on one
/// tape, backpropagates, clips the global gradient norm and takes an Adam step. No dataset is involved. A run is a
/// pure function of the network's initial weights, the objective, the options and the seed. A non-finite loss,
/// gradient or weight ends the run as "diverged" without applying that step.
/// </summary>
public sealed class DfsaTrainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tape<T> _tape = new();
    private Rng _rng;

    /// <summary>Prepares a run; the network is trained in place.</summary>
    public DfsaTrainer(DfsaNetwork<T> network, InputDistribution input, Objective objective, DfsaTrainOptions options)
    {
        Network = network;
        Input = input;
        Objective = objective;
        Options = options.Validate();
        Optimizer = new Adam<T>(network, new AdamOptions(options.LearningRate));
        _rng = new Rng(options.Seed).Fork(0xDF5A);
        History = new TrainHistory(objective.Names);
    }

    /// <summary>The network being trained.</summary>
    public DfsaNetwork<T> Network { get; }

    /// <summary>p(x).</summary>
    public InputDistribution Input { get; }

    /// <summary>The loss.</summary>
    public Objective Objective { get; }

    /// <summary>Run settings.</summary>
    public DfsaTrainOptions Options { get; }

    /// <summary>The optimiser (its state is saved in checkpoints).</summary>
    public Adam<T> Optimizer { get; }

    /// <summary>Steps taken so far.</summary>
    public int Step { get; private set; }

    /// <summary>Reports of the steps taken by this trainer.</summary>
    public TrainHistory History { get; }

    /// <summary>
    /// Runs until <see cref="DfsaTrainOptions.Steps"/> steps are done. <paramref name="afterStep"/> is called after every
    /// step (progress bars, checkpoints).
    /// </summary>
    public DfsaTrainResult Train(Action<StepReport>? afterStep = null, CancellationToken cancellationToken = default)
    {
        while (Step < Options.Steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (report, failure) = TrainStep();
            if (failure != null) return new DfsaTrainResult(Step, true, failure, History);
            afterStep?.Invoke(report!);
        }
        return new DfsaTrainResult(Step, false, null, History);
    }

    /// <summary>One step; returns its report, or a reason when the step was not applied because something was non-finite.</summary>
    public (StepReport? Report, string? Failure) TrainStep()
    {
        _tape.Reset();
        Network.ZeroGrad();
        var x = Input.Sample<T>(_rng, Options.BatchSize, Network.InputDim);
        var ctx = new TermContext<T>(Network, Input, x, _tape, _rng, Options.Estimator);
        var (loss, values) = Objective.Evaluate(ctx);
        double l = double.CreateTruncating(loss.Item());
        double maxAbs = MaxAbs(ctx.Output.Value);
        if (!double.IsFinite(l))
            return (null, $"non-finite loss at step {Step + 1} ({Describe(values)}; max |f| = {maxAbs:G3})");
        _tape.Backward(loss);
        double gnorm = GradientClipping.ClipByGlobalNorm(Network.Parameters(), Options.ClipNorm > 0 ? Options.ClipNorm : double.PositiveInfinity);
        if (!double.IsFinite(gnorm)) return (null, $"non-finite gradient at step {Step + 1} (loss {l:G4})");
        var backup = Network.StateDict();
        Optimizer.Step();
        foreach (var (name, p) in Network.NamedParameters())
            if (p.Value.HasNonFinite())
            {
                Network.LoadStateDict(backup);
                return (null, $"non-finite weight '{name}' after step {Step + 1}");
            }
        Step++;
        var report = new StepReport(Step, l, values, gnorm, maxAbs, WeightRms());
        History.Add(report);
        return (report, null);
    }

    /// <summary>Saves a resumable checkpoint: the model file plus Adam's state (<c>optim.*</c>), the step and the batch stream's state.</summary>
    public void SaveCheckpoint(string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var bundle = new TensorBundle(path);
        if (metadata != null) foreach (var (k, v) in metadata) bundle.Metadata[k] = v;
        DfsaModelFile.AddTo(bundle, Network);
        var state = Optimizer.GetState();
        foreach (var (name, t) in state.Tensors) bundle.Add("optim." + name, Tensor.Cast<T, double>(t));
        foreach (var (k, v) in state.Metadata) bundle.Metadata["optim." + k] = v;
        bundle.Metadata["step"] = Step.ToString(CultureInfo.InvariantCulture);
        bundle.Metadata["rng"] = string.Join(",", _rng.SaveState());
        SafeTensors.Save(path, bundle);
    }

    /// <summary>Restores weights, optimiser state, step and batch stream from <see cref="SaveCheckpoint"/>'s file.</summary>
    public void LoadCheckpoint(string path)
    {
        var bundle = SafeTensors.Load(path);
        var net = DfsaModelFile.FromBundle<T>(bundle);
        if (net.Spec != Network.Spec) throw new InvalidDataException($"{path}: checkpoint network {net.Spec.ToJson()} differs from {Network.Spec.ToJson()}.");
        Network.CopyFrom(net);
        var tensors = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        foreach (var name in bundle.Names)
            if (name.StartsWith("optim.", StringComparison.Ordinal)) tensors[name[6..]] = Tensor.Cast<double, T>(bundle.GetDouble(name));
        var meta = bundle.Metadata.Where(kv => kv.Key.StartsWith("optim.", StringComparison.Ordinal)).ToDictionary(kv => kv.Key[6..], kv => kv.Value);
        Optimizer.LoadState(new OptimizerState<T>(tensors, meta));
        Step = int.Parse(bundle.GetMetadata("step"), CultureInfo.InvariantCulture);
        _rng = new Rng(0);
        _rng.RestoreState(bundle.GetMetadata("rng").Split(',').Select(s => ulong.Parse(s, CultureInfo.InvariantCulture)).ToArray());
    }

    private string Describe(double[] values) =>
        string.Join(", ", Objective.Names.Zip(values, (n, v) => $"{n} = {v:G3}"));

    private static double MaxAbs(Tensor<T> t)
    {
        double m = 0;
        foreach (var v in t.Contiguous().Span)
        {
            double a = Math.Abs(double.CreateTruncating(v));
            if (!(a <= m)) m = a;
        }
        return m;
    }

    private double WeightRms()
    {
        double s = 0;
        long n = 0;
        foreach (var p in Network.Parameters())
        {
            foreach (var v in p.Value.Span) s += double.CreateTruncating(v) * double.CreateTruncating(v);
            n += p.Value.Length;
        }
        return Math.Sqrt(s / Math.Max(1, n));
    }
}
