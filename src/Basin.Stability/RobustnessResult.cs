using System.Text.Json.Serialization;

namespace Basin.Stability;

/// <summary>Robust accuracy of one attack at each budget, over the first <paramref name="Images"/> images it ran on.</summary>
public sealed record AttackCurve(string Attack, int Images, double[] RobustAccuracy);

/// <summary>Robust-accuracy curves under one norm: per attack, the per-image worst case, and the worst case on the extended budgets.</summary>
/// <param name="Norm">"linf" or "l2".</param>
/// <param name="Epsilons">The budgets every attack ran at.</param>
/// <param name="Attacks">Per-attack curves.</param>
/// <param name="WorstCase">Share of images correctly classified and unbroken by every attack at that budget.</param>
/// <param name="ExtendedEpsilons">Larger budgets tried (PGD only, on the images still robust) until the worst case reached 0.</param>
/// <param name="ExtendedWorstCase">The worst case at those budgets.</param>
public sealed record NormCurves(string Norm, double[] Epsilons, List<AttackCurve> Attacks, double[] WorstCase, double[] ExtendedEpsilons, double[] ExtendedWorstCase)
{
    /// <summary>The curve of <paramref name="attack"/>, or null.</summary>
    public AttackCurve? Get(string attack) => Attacks.FirstOrDefault(a => a.Attack == attack);
}

/// <summary>Median of per-image minimal distances with a 95 % bootstrap interval (images where nothing was found count as +∞).</summary>
public sealed record DistanceSummary(string Source, int Images, double Median, double Low, double High, double[] Values);

/// <summary>One adversarial example for pictures.</summary>
public sealed record AdversarialExample(string Attack, int Label, int Prediction, double[] Original, double[] Adversarial);

/// <summary>
/// Everything one <see cref="RobustnessEvaluation"/> run measured, aggregated from its per-image outcomes
/// (<see cref="RobustnessSummary.Aggregate"/>); deterministic for given options and seed (no timings).
/// </summary>
/// <param name="Model">The classifier's name.</param>
/// <param name="Count">Images evaluated.</param>
/// <param name="CleanAccuracy">Share classified correctly without perturbation.</param>
/// <param name="LInf">L∞ curves.</param>
/// <param name="L2">L2 curves.</param>
/// <param name="MinimalL2">Median smallest L2 flip over white-box and decision-only attacks.</param>
/// <param name="MinimalL2WhiteBox">The same over the gradient attacks.</param>
/// <param name="MinimalL2DecisionOnly">The same over the decision-only attacks (black-box subset).</param>
/// <param name="MinimalLInf">Median smallest L∞ flip (PGD bisection on the budget).</param>
/// <param name="GradientNorms">‖∇ₓ CE‖₂ at each correctly classified image.</param>
/// <param name="MedianGradientNorm">Their median.</param>
/// <param name="Lipschitz">Local Lipschitz estimates on the Lipschitz subset.</param>
/// <param name="MedianLipschitz">Their median.</param>
/// <param name="Checks">The sanity checks.</param>
/// <param name="BlackBoxOnlyWins">Per non-gradient attack: (image, budget) pairs it won while every gradient attack failed.</param>
/// <param name="MaskingSuspected">Whether a masking-type check failed.</param>
/// <param name="Examples">Up to 8 minimal-L2 white-box adversarial examples (the first images that have one).</param>
public sealed record RobustnessResult(
    string Model, int Count, double CleanAccuracy, [property: JsonPropertyName("linf")] NormCurves LInf, NormCurves L2,
    DistanceSummary MinimalL2, DistanceSummary MinimalL2WhiteBox, DistanceSummary MinimalL2DecisionOnly, [property: JsonPropertyName("minimal_linf")] DistanceSummary MinimalLInf,
    double[] GradientNorms, double MedianGradientNorm, double[] Lipschitz, double MedianLipschitz,
    List<SanityCheck> Checks, Dictionary<string, int> BlackBoxOnlyWins, bool MaskingSuspected,
    List<AdversarialExample> Examples);
