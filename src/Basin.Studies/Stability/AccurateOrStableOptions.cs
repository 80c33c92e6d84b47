using System.Text.Json.Serialization;
using Basin.Stability;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;

namespace Basin.Studies.Stability;

/// <summary>
/// What the accurate-or-stable study runs: the models, the test images and the attack budgets. Serialised as the options
/// of a shard document, so every shard of one study carries the same options.
/// </summary>
public sealed record AccurateOrStableOptions
{
    /// <summary>Classifier files or <c>pretrained:NAME</c> specs (SA-nODE, MLP, logistic regression).</summary>
    public string[] Models { get; init; } = [];

    /// <summary>Test images: mnist, fashion or letters.</summary>
    public string Dataset { get; init; } = "mnist";

    /// <summary>The first this-many test images.</summary>
    public int Count { get; init; } = 1000;

    /// <summary>L∞ budgets (ascending).</summary>
    [JsonPropertyName("linf_epsilons")]
    public double[] LInfEpsilons { get; init; } = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3];

    /// <summary>L2 budgets (ascending).</summary>
    public double[] L2Epsilons { get; init; } = [0.25, 0.5, 1, 1.5, 2, 3];

    /// <summary>PGD iterations.</summary>
    public int Iterations { get; init; } = 20;

    /// <summary>PGD random restarts.</summary>
    public int Restarts { get; init; } = 1;

    /// <summary>Square attack queries per image and budget.</summary>
    public int SquareQueries { get; init; } = 300;

    /// <summary>HopSkipJump rounds.</summary>
    public int HsjIterations { get; init; } = 20;

    /// <summary>Score- and decision-based attacks run on the first this-many images.</summary>
    public int BlackBoxCount { get; init; } = int.MaxValue;

    /// <summary>The doubled-iterations/restarts check runs on the first this-many images.</summary>
    public int CheckCount { get; init; } = 200;

    /// <summary>Images (among the first this-many, correctly classified) with a local Lipschitz estimate.</summary>
    public int LipschitzCount { get; init; } = 20;

    /// <summary>Source model of the transfer attack; null: the first ReLU MLP among <see cref="Models"/> (not for itself).</summary>
    public string? Surrogate { get; init; }

    /// <summary>Images attacked together; the unit of sharding is one batch.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>SA-nODE Euler steps of Δt = 0.1 for the scores.</summary>
    public int Steps { get; init; } = 55;

    /// <summary>Integrate SA-nODE scores in f32.</summary>
    public bool SinglePrecision { get; init; }

    /// <summary>Seed of every random start, probe and proposal (each batch draws from its own seed derived from it).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The classifier options of every model.</summary>
    [JsonIgnore]
    public ClassifierOptions Classifiers => new(Steps, SinglePrecision: SinglePrecision);

    /// <summary>The evaluation options for a model whose transfer surrogate is <paramref name="surrogate"/>.</summary>
    public RobustnessOptions Robustness(IClassifier? surrogate) => new RobustnessOptions
    {
        LInfEpsilons = LInfEpsilons, L2Epsilons = L2Epsilons, Iterations = Iterations, Restarts = Restarts, SquareQueries = SquareQueries,
        Decision = new HopSkipJumpOptions(Iterations: HsjIterations), BlackBoxCount = BlackBoxCount, CheckCount = CheckCount,
        LipschitzCount = LipschitzCount, BatchSize = BatchSize, Surrogate = surrogate, Seed = Seed,
    }.Validate();
}
