using Basin.Autodiff;
using Basin.Tensors;

namespace Basin.Stability.Classifiers.Robust;

/// <summary>
/// Gaussian data augmentation for randomized smoothing (Cohen, Rosenfeld &amp; Kolter, ICML 2019, §4): each training input
/// x becomes x + δ, δ ~ 𝒩(0, σ²I), unclipped, with the σ the smoothed classifier will use — the baseline counterpart of
/// SA-nODE's <see cref="Basin.SaNode.Training.Robust.GaussianNoiseTraining"/>.
/// </summary>
/// <param name="sigma">Noise level σ in pixel units.</param>
public sealed class BaselineGaussianNoise(double sigma) : IBaselineRecipe
{
    /// <summary>Noise level σ.</summary>
    public double Sigma { get; } = sigma > 0 && double.IsFinite(sigma) ? sigma : throw new ArgumentException($"gaussian: σ must be positive and finite, got {sigma}.");

    /// <inheritdoc/>
    public string Spec => FormattableString.Invariant($"gaussian:{Sigma:R}");

    /// <inheritdoc/>
    public Var<double> BatchLoss(MlpClassifier classifier, Tape<double> tape, double[] x, int[] labels, int count, ulong seed)
    {
        Apply(classifier, x, labels, count, seed);
        return BaselineTrainer.CrossEntropy(classifier, tape, x, labels, count);
    }

    /// <summary>Replaces the <paramref name="count"/> rows of <paramref name="x"/> by their training inputs.</summary>
    public void Apply(MlpClassifier classifier, double[] x, int[] labels, int count, ulong seed)
    {
        var noise = new double[count * classifier.Dimension];
        new Rng(seed).FillNormal<double>(noise, 0, Sigma);
        for (int i = 0; i < noise.Length; i++) x[i] += noise[i];
    }
}
