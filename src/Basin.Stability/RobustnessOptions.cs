using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;

namespace Basin.Stability;

/// <summary>What <see cref="RobustnessEvaluation"/> runs: budgets, attack strengths and which images get the expensive checks.</summary>
public sealed record RobustnessOptions
{
    /// <summary>L∞ budgets of the robust-accuracy curve (ascending).</summary>
    public double[] LInfEpsilons { get; init; } = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3];

    /// <summary>L2 budgets of the robust-accuracy curve (ascending).</summary>
    public double[] L2Epsilons { get; init; } = [0.25, 0.5, 1, 1.5, 2, 3];

    /// <summary>PGD iterations (FGSM is the single-step reference).</summary>
    public int Iterations { get; init; } = 20;

    /// <summary>PGD random restarts.</summary>
    public int Restarts { get; init; } = 1;

    /// <summary>Score queries of the Square attack per image and budget.</summary>
    public int SquareQueries { get; init; } = 300;

    /// <summary>Budget of the decision-only attack.</summary>
    public HopSkipJumpOptions Decision { get; init; } = new();

    /// <summary>The score- and decision-based attacks (Square, HopSkipJump) run on the first this-many images.</summary>
    public int BlackBoxCount { get; init; } = int.MaxValue;

    /// <summary>PGD with doubled iterations and doubled restarts runs on the first this-many images (the convergence check).</summary>
    public int CheckCount { get; init; } = 200;

    /// <summary>Images at which the local Lipschitz constant ‖∂s/∂x‖₂ is estimated.</summary>
    public int LipschitzCount { get; init; } = 20;

    /// <summary>Bisection rounds of the minimal-L∞ search (each one PGD run).</summary>
    public int MinimalLInfRounds { get; init; } = 6;

    /// <summary>Keep enlarging the budget (×1.5, up to the whole box) until the worst-case robust accuracy reaches 0.</summary>
    public bool ExtendUntilZero { get; init; } = true;

    /// <summary>Images attacked together (one batched model call per attack step).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Surrogate for the transfer attack (the study uses the ReLU MLP); none skips it.</summary>
    public IClassifier? Surrogate { get; init; }

    /// <summary>Largest change of a robust accuracy that still counts as "changes nothing" / "does not rise".</summary>
    public double Tolerance { get; init; } = 0.01;

    /// <summary>Seed of every random start, probe and proposal.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Validates the options.</summary>
    public RobustnessOptions Validate()
    {
        static bool Ascending(double[] e) => e.Length > 0 && e.All(v => v > 0 && double.IsFinite(v)) && e.Zip(e.Skip(1), (a, b) => a < b).All(z => z);
        if (!Ascending(LInfEpsilons) || !Ascending(L2Epsilons)) throw new ArgumentException("Budgets must be positive, finite and ascending.");
        if (Iterations < 1 || Restarts < 1 || SquareQueries < 0 || BatchSize < 1 || MinimalLInfRounds < 0)
            throw new ArgumentException("Iterations, restarts and batch size must be ≥ 1; queries and rounds ≥ 0.");
        return this;
    }
}
