using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Training;

/// <summary>Settings of a data-free training run.</summary>
public sealed record DfsaTrainOptions
{
    /// <summary>Adam steps; each draws a fresh batch from p(x).</summary>
    public int Steps { get; init; } = 1000;

    /// <summary>Samples per batch (≥ 4: pairs and covariances need them).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Global gradient-norm clip (0 disables).</summary>
    public double ClipNorm { get; init; } = 1.0;

    /// <summary>Seed of the batch and probe stream (network initialisation uses its own Rng).</summary>
    public ulong Seed { get; init; }

    /// <summary>Estimator settings of the terms.</summary>
    public EstimatorOptions Estimator { get; init; } = new();

    /// <summary>Checks the settings and returns this instance.</summary>
    public DfsaTrainOptions Validate()
    {
        if (Steps < 0) throw new ArgumentException($"Steps must be non-negative, got {Steps}.");
        if (BatchSize < 4) throw new ArgumentException($"Batch size must be at least 4, got {BatchSize}.");
        if (!(LearningRate > 0)) throw new ArgumentException($"Learning rate must be positive, got {LearningRate}.");
        if (ClipNorm < 0 || !double.IsFinite(ClipNorm)) throw new ArgumentException($"ClipNorm must be ≥ 0, got {ClipNorm}.");
        Estimator.Validate();
        return this;
    }
}

/// <summary>What one step did: the loss, every term's unweighted value, the gradient norm before clipping, the largest |f| in the batch and the RMS weight.</summary>
public sealed record StepReport(int Step, double Loss, IReadOnlyList<double> Values, double GradNorm, double MaxAbsOutput, double WeightRms);

/// <summary>The per-step record of a run.</summary>
public sealed class TrainHistory(IReadOnlyList<string> termNames)
{
    private readonly List<StepReport> _steps = new();

    /// <summary>Term names, the order of <see cref="StepReport.Values"/>.</summary>
    public IReadOnlyList<string> TermNames { get; } = termNames;

    /// <summary>Every step so far.</summary>
    public IReadOnlyList<StepReport> Steps => _steps;

    internal void Add(StepReport r) => _steps.Add(r);
}

/// <summary>Outcome of <see cref="DfsaTrainer{T}.Train"/>.</summary>
/// <param name="Steps">Steps completed.</param>
/// <param name="Diverged">True when a non-finite loss, gradient or weight stopped the run (the weights of the last finite step are kept).</param>
/// <param name="Reason">Why it stopped early, or null.</param>
/// <param name="History">Every step's report.</param>
public sealed record DfsaTrainResult(int Steps, bool Diverged, string? Reason, TrainHistory History);
