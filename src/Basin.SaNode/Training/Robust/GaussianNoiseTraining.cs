using Basin.Dynamics;

namespace Basin.SaNode.Training.Robust;

/// <summary>
/// Gaussian data augmentation for randomized smoothing (Cohen, Rosenfeld &amp; Kolter, ICML 2019, §4): every training input
/// is replaced by x + δ, δ ~ 𝒩(0, σ²I), with the σ the smoothed classifier g(x) = argmax_c P(f(x + δ) = c) will use, so
/// the base classifier f is accurate under that noise and CERTIFY's p_A is large. Not clipped to [0,1] (as in Cohen et al.:
/// the smoothed classifier adds unclipped noise too). Box–Muller normals from the batch's seeded generator.
/// </summary>
/// <param name="sigma">Noise level σ in pixel units.</param>
public sealed class GaussianNoiseTraining(double sigma) : ITrainingPerturbation
{
    /// <summary>Noise level σ.</summary>
    public double Sigma { get; } = sigma > 0 && double.IsFinite(sigma) ? sigma : throw new ArgumentException($"gaussian: σ must be positive and finite, got {sigma}.");

    /// <inheritdoc/>
    public string Spec => FormattableString.Invariant($"gaussian:{Sigma:R}");

    /// <inheritdoc/>
    public void Apply(SaNodeRunner<float> runner, Span<float> x0, ReadOnlySpan<float> targets, int count, SolverOptions solver, Random rng)
    {
        int len = count * runner.Model.Config.N;
        for (int i = 0; i < len; i += 2)
        {
            double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble(), r = Math.Sqrt(-2 * Math.Log(u1));
            x0[i] += (float)(Sigma * r * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < len) x0[i + 1] += (float)(Sigma * r * Math.Sin(2 * Math.PI * u2));
        }
    }
}
