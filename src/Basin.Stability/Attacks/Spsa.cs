using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability.Attacks;

/// <summary>
/// SPSA attack (Uesato, O'Donoghue, van den Oord &amp; Kohli, "Adversarial risk and the dangers of evaluating against weak
/// attacks", ICML 2018, §3.1 and Algorithm 1), score-based and gradient-free: the gradient of the margin
/// L(x) = s_y − max_{j≠y} s_j is estimated by simultaneous perturbation,
/// ĝ = (1/n) Σᵢ [L(x + δvᵢ) − L(x − δvᵢ)]/(2δ) · vᵢ, vᵢ ∈ {±1}ᴰ Rademacher, n = <see cref="Samples"/> pairs, δ = <see cref="Delta"/>,
/// and L is minimised by Adam (learning rate <see cref="LearningRate"/>, β = (0.9, 0.999)) followed by the projection onto
/// the ε-ball (L∞ or L2) ∩ [0,1]ᴰ. Each step costs 2n + 1 score queries, so <see cref="AttackSettings.Queries"/> per image
/// buy ⌊Queries/(2n + 1)⌋ steps: the same query budget as <see cref="SquareAttack"/>. Per image the lowest-margin iterate
/// is returned; a fooled image stops.
/// </summary>
/// <param name="norm">The budget's norm.</param>
public sealed class Spsa(Norm norm) : IAttack
{
    /// <summary>Rademacher pairs per gradient estimate.</summary>
    public const int Samples = 32;

    /// <summary>Perturbation size δ of the finite differences (Uesato et al.: 0.01).</summary>
    public const double Delta = 0.01;

    /// <summary>Adam learning rate (Uesato et al.: 0.01).</summary>
    public const double LearningRate = 0.01;

    /// <inheritdoc />
    public string Name => $"spsa-{(norm == Norm.LInf ? "linf" : "l2")}";
    /// <inheritdoc />
    public Norm Norm => norm;
    /// <inheritdoc />
    public AttackKind Kind => AttackKind.ScoreOnly;
    /// <inheritdoc />
    public bool MinimalNorm => false;
    /// <inheritdoc />
    public string Description => $"SPSA: margin gradient estimated from {Samples} Rademacher pairs, Adam, projected onto the {(norm == Norm.LInf ? "L∞" : "L2")} ball, scores only (Uesato et al. 2018)";

    /// <inheritdoc />
    public double[]?[] Run(IClassifier classifier, double[] x, int[] y, double[] eps, AttackSettings settings) =>
        Attack.Rows(Perturb(classifier, x, y, eps, norm, settings.Queries, settings.Seed), classifier.Dimension);

    /// <summary>SPSA on the B rows of <paramref name="x"/> with <paramref name="queries"/> score queries per row; returns the lowest-margin points (B×D).</summary>
    public static double[] Perturb(IClassifier c, double[] x, int[] y, double[] eps, Norm norm, int queries = 5000, ulong seed = 1)
    {
        const double beta1 = 0.9, beta2 = 0.999;
        int d = c.Dimension, batch = y.Length, steps = queries / (2 * Samples + 1);
        var rng = new Rng(seed);
        var best = (double[])x.Clone();
        var margin = AutoPgd.Margins(c, x, y);
        var cur = (double[])x.Clone();
        var m1 = new double[batch * d];
        var m2 = new double[batch * d];
        var active = Enumerable.Range(0, batch).Where(b => margin[b] >= 0 && eps[b] > 0).ToArray();
        var g = new double[d];
        for (int t = 1; t <= steps && active.Length > 0; t++)
        {
            int m = active.Length;
            var probes = new double[2 * Samples * m * d];
            var vs = new double[m][];
            for (int a = 0; a < m; a++)
            {
                int b = active[a];
                var va = vs[a] = new double[Samples * d];
                for (int i = 0; i < va.Length; i++) va[i] = rng.NextDouble() < 0.5 ? -1 : 1;
                for (int k = 0; k < Samples; k++)
                    for (int i = 0; i < d; i++)
                    {
                        double xi = cur[b * d + i], dv = Delta * va[k * d + i];
                        probes[((a * Samples + k) * 2) * d + i] = xi + dv;
                        probes[((a * Samples + k) * 2 + 1) * d + i] = xi - dv;
                    }
            }
            var ys = new int[2 * Samples * m];
            for (int a = 0; a < m; a++) for (int k = 0; k < 2 * Samples; k++) ys[a * 2 * Samples + k] = y[active[a]];
            var lm = AutoPgd.Margins(c, probes, ys);
            double bc1 = 1 - Math.Pow(beta1, t), bc2 = 1 - Math.Pow(beta2, t);
            for (int a = 0; a < m; a++)
            {
                int b = active[a];
                Array.Clear(g);
                for (int k = 0; k < Samples; k++)
                {
                    double f = (lm[(a * Samples + k) * 2] - lm[(a * Samples + k) * 2 + 1]) / (2 * Delta * Samples);
                    for (int i = 0; i < d; i++) g[i] += f * vs[a][k * d + i];
                }
                var row = cur.AsSpan(b * d, d);
                for (int i = 0; i < d; i++)
                {
                    int j = b * d + i;
                    m1[j] = beta1 * m1[j] + (1 - beta1) * g[i];
                    m2[j] = beta2 * m2[j] + (1 - beta2) * g[i] * g[i];
                    row[i] -= LearningRate * (m1[j] / bc1) / (Math.Sqrt(m2[j] / bc2) + 1e-8);
                }
                Attack.Project(row, x.AsSpan(b * d, d), eps[b], norm);
            }
            var sub = new double[m * d];
            for (int a = 0; a < m; a++) cur.AsSpan(active[a] * d, d).CopyTo(sub.AsSpan(a * d, d));
            var mg = AutoPgd.Margins(c, sub, active.Select(b => y[b]).ToArray());
            int kept = 0;
            for (int a = 0; a < m; a++)
            {
                int b = active[a];
                if (mg[a] < margin[b]) { margin[b] = mg[a]; sub.AsSpan(a * d, d).CopyTo(best.AsSpan(b * d, d)); }
                if (margin[b] >= 0) active[kept++] = b;
            }
            active = active[..kept];
        }
        return best;
    }
}
