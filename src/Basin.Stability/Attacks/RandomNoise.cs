using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability.Attacks;

/// <summary>
/// Random noise at the budget's boundary — uniform ±ε signs (L∞) or a uniformly random direction of length ε (L2) — the
/// baseline every real attack must beat: noise that flips an image a white-box attack could not is a sign of gradient
/// masking (Carlini et al. 2019, §5).
/// </summary>
/// <param name="norm">The budget's norm.</param>
public sealed class RandomNoise(Norm norm) : IAttack
{
    /// <inheritdoc />
    public string Name => norm == Norm.LInf ? "noise-linf" : "noise-l2";
    /// <inheritdoc />
    public Norm Norm => norm;
    /// <inheritdoc />
    public AttackKind Kind => AttackKind.Random;
    /// <inheritdoc />
    public bool MinimalNorm => false;
    /// <inheritdoc />
    public string Description => norm == Norm.LInf ? "noise: random ±ε signs (baseline)" : "noise: a random direction of L2 length ε (baseline)";

    /// <inheritdoc />
    public double[]?[] Run(IClassifier classifier, double[] x, int[] y, double[] eps, AttackSettings settings) =>
        Attack.Rows(Perturb(x, classifier.Dimension, eps, norm, settings.Seed), classifier.Dimension);

    /// <summary>Noise at the budget's boundary per row: uniform ±ε signs (L∞) or a random direction of length ε (L2), kept in [0,1].</summary>
    public static double[] Perturb(double[] x, int dimension, double[] eps, Norm norm, ulong seed)
    {
        var rng = new Rng(seed);
        var adv = (double[])x.Clone();
        for (int b = 0; b < eps.Length; b++)
        {
            var row = adv.AsSpan(b * dimension, dimension);
            if (norm == Norm.LInf) for (int i = 0; i < dimension; i++) row[i] += rng.NextDouble() < 0.5 ? -eps[b] : eps[b];
            else
            {
                var u = new double[dimension];
                for (int i = 0; i < dimension; i++) u[i] = rng.NextNormal();
                double n = Math.Sqrt(u.Sum(v => v * v));
                for (int i = 0; i < dimension; i++) row[i] += eps[b] * u[i] / n;
            }
            for (int i = 0; i < dimension; i++) row[i] = Math.Clamp(row[i], 0, 1);
        }
        return adv;
    }

}
