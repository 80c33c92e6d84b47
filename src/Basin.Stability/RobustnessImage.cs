using System.Text.Json.Serialization;

namespace Basin.Stability;

/// <summary>One image's outcome under one norm.</summary>
/// <param name="Robust">Per attack that ran on this image (its subset included the image): robust[e] = correctly classified and not flipped at budget e.</param>
/// <param name="WorstRobust">Per budget: correctly classified and unbroken by every attack.</param>
/// <param name="LadderSurvived">Extended budgets (the ladder beyond the largest ε) the image survived; 0 unless robust at the largest ε.</param>
public sealed record ImageCurves(Dictionary<string, bool[]> Robust, bool[] WorstRobust, int LadderSurvived);

/// <summary>
/// Everything <see cref="RobustnessEvaluation"/> measured on one test image; the run's aggregates
/// (<see cref="RobustnessSummary.Aggregate"/>) are computed from these alone, so runs over disjoint image ranges combine
/// exactly. Distances are null for misclassified images (and +∞ where no attack found a flip).
/// </summary>
/// <param name="Index">Index of the image in the dataset.</param>
/// <param name="Label">Its label.</param>
/// <param name="Correct">Whether the clean image is classified correctly.</param>
/// <param name="LInf">L∞ outcome.</param>
/// <param name="L2">L2 outcome.</param>
/// <param name="MinimalL2">Smallest L2 flip over the white-box and decision-only attacks.</param>
/// <param name="MinimalL2WhiteBox">Smallest L2 flip over the gradient attacks.</param>
/// <param name="MinimalL2DecisionOnly">Smallest L2 flip of the decision-only attacks (null outside the black-box subset).</param>
/// <param name="MinimalLInf">Smallest L∞ flip (PGD bisection on the budget).</param>
/// <param name="GradientNorm">‖∇ₓ CE‖₂ at the clean image.</param>
/// <param name="Lipschitz">Local Lipschitz estimate ‖∂s/∂x‖₂ (null outside the Lipschitz subset).</param>
/// <param name="BlackBoxOnlyWins">Per non-gradient attack: budgets at which it flipped the image while every gradient attack failed.</param>
/// <param name="Example">The minimal-L2 white-box adversarial point, for the first few images of a run that have one.</param>
public sealed record RobustnessImage(int Index, int Label, bool Correct, [property: JsonPropertyName("linf")] ImageCurves LInf, ImageCurves L2,
    double? MinimalL2, double? MinimalL2WhiteBox, double? MinimalL2DecisionOnly, [property: JsonPropertyName("minimal_linf")] double? MinimalLInf, double? GradientNorm, double? Lipschitz,
    Dictionary<string, int> BlackBoxOnlyWins, AdversarialExample? Example);

/// <summary>
/// The per-image outcomes of one model over a range of images, with what the aggregation needs to know of the run.
/// </summary>
/// <param name="Model">The classifier's name.</param>
/// <param name="LInfEpsilons">L∞ budgets.</param>
/// <param name="L2Epsilons">L2 budgets.</param>
/// <param name="LInfLadder">Extended L∞ budgets tried on images robust at the largest one.</param>
/// <param name="L2Ladder">Extended L2 budgets.</param>
/// <param name="ExtendUntilZero">Whether the ladder was climbed.</param>
/// <param name="Tolerance">Tolerance of the sanity checks.</param>
/// <param name="Images">Per-image outcomes, in dataset order.</param>
public sealed record RobustnessRun(string Model, [property: JsonPropertyName("linf_epsilons")] double[] LInfEpsilons, double[] L2Epsilons,
    [property: JsonPropertyName("linf_ladder")] double[] LInfLadder, double[] L2Ladder,
    bool ExtendUntilZero, double Tolerance, List<RobustnessImage> Images)
{
    /// <summary>Runs of one model over consecutive image ranges, concatenated (budgets and settings must agree).</summary>
    public static RobustnessRun Concat(IReadOnlyList<RobustnessRun> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("No runs to combine.");
        var f = parts[0];
        foreach (var p in parts)
            if (p.Model != f.Model || !p.LInfEpsilons.SequenceEqual(f.LInfEpsilons) || !p.L2Epsilons.SequenceEqual(f.L2Epsilons)
                || !p.LInfLadder.SequenceEqual(f.LInfLadder) || !p.L2Ladder.SequenceEqual(f.L2Ladder))
                throw new InvalidDataException($"Runs of '{p.Model}' and '{f.Model}' differ in model or budgets.");
        var images = parts.SelectMany(p => p.Images).ToList();
        for (int i = 1; i < images.Count; i++)
            if (images[i].Index <= images[i - 1].Index) throw new InvalidDataException("Image ranges of the runs overlap or are out of order.");
        return f with { Images = images };
    }
}
