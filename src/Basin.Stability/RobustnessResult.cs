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
public sealed record DistanceSummary(string Source, int Images, double Median, double Low, double High, [property: JsonIgnore] double[] Values);

/// <summary>One adversarial example for pictures.</summary>
public sealed record AdversarialExample(string Attack, int Label, int Prediction, [property: JsonIgnore] double[] Original, [property: JsonIgnore] double[] Adversarial);

/// <summary>Everything one <see cref="RobustnessEvaluation"/> run measured.</summary>
public sealed record RobustnessResult(
    string Model, int Count, double CleanAccuracy, NormCurves LInf, NormCurves L2,
    DistanceSummary MinimalL2, DistanceSummary MinimalL2WhiteBox, DistanceSummary MinimalL2DecisionOnly, DistanceSummary MinimalLInf,
    [property: JsonIgnore] double[] GradientNorms, double MedianGradientNorm, double[] Lipschitz, double MedianLipschitz,
    List<SanityCheck> Checks, Dictionary<string, int> BlackBoxOnlyWins, bool MaskingSuspected,
    [property: JsonIgnore] List<AdversarialExample> Examples, double Seconds);
