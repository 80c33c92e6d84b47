using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability.Attacks;

/// <summary>
/// Square attack (Andriushchenko et al. 2020), L∞, score-based and gradient-free: each row starts from vertical stripes of
/// ±ε and repeatedly proposes a random square window set to a random ±ε, kept when the margin s_y − max_{j≠y} s_j
/// decreases; the window's area shrinks on a fixed schedule. It uses only the scores, so if it beats the gradient attacks
/// on an image the gradients are not informative there (gradient masking). All rows advance in lockstep (one batched score
/// query per iteration); a row stops once misclassified. Inputs are treated as square images (side = √D), else 1-D windows.
/// </summary>
public sealed class SquareAttack : IAttack
{
    /// <inheritdoc />
    public string Name => "square-linf";
    /// <inheritdoc />
    public Norm Norm => Norm.LInf;
    /// <inheritdoc />
    public AttackKind Kind => AttackKind.ScoreOnly;
    /// <inheritdoc />
    public bool MinimalNorm => false;
    /// <inheritdoc />
    public string Description => "Square: random ±ε square windows kept when the margin drops, scores only (Andriushchenko et al. 2020)";

    /// <inheritdoc />
    public double[]?[] Run(IClassifier classifier, double[] x, int[] y, double[] eps, AttackSettings settings) =>
        Attack.Rows(Perturb(classifier, x, y, eps, settings.Queries, settings.Seed), classifier.Dimension);

    /// <summary>Runs up to <paramref name="queries"/> score queries per row; returns the best perturbed inputs found.</summary>
    public static double[] Perturb(IClassifier c, double[] x, int[] y, double[] eps, int queries = 500, ulong seed = 1)
    {
        int d = c.Dimension, k = c.Classes, batch = y.Length, side = (int)Math.Round(Math.Sqrt(d));
        bool square = side * side == d;
        var rng = new Rng(seed);
        var adv = new double[batch * d];
        for (int b = 0; b < batch; b++)
            for (int col = 0; col < (square ? side : d); col++)
            {
                double s = rng.NextDouble() < 0.5 ? -eps[b] : eps[b];
                if (square) for (int r = 0; r < side; r++) adv[b * d + r * side + col] = Math.Clamp(x[b * d + r * side + col] + s, 0, 1);
                else adv[b * d + col] = Math.Clamp(x[b * d + col] + s, 0, 1);
            }
        var best = Margins(c, adv, batch, y, k);
        var active = Enumerable.Range(0, batch).Where(b => best[b] >= 0).ToArray();
        for (int q = 0; q < queries && active.Length > 0; q++)
        {
            double p = 0.1 * Math.Pow(0.5, Math.Floor(Math.Log2(1 + 10.0 * q / queries) * 2));
            var cand = new double[active.Length * d];
            for (int a = 0; a < active.Length; a++)
            {
                int b = active[a];
                var row = cand.AsSpan(a * d, d);
                adv.AsSpan(b * d, d).CopyTo(row);
                double s = rng.NextDouble() < 0.5 ? -eps[b] : eps[b];
                if (square)
                {
                    int h = Math.Min(side, Math.Max(1, (int)Math.Round(Math.Sqrt(p * d))));
                    int r0 = rng.NextInt(side - h + 1), c0 = rng.NextInt(side - h + 1);
                    for (int r = r0; r < r0 + h; r++)
                        for (int cc = c0; cc < c0 + h; cc++) row[r * side + cc] = Math.Clamp(x[b * d + r * side + cc] + s, 0, 1);
                }
                else
                {
                    int h = Math.Max(1, (int)Math.Round(p * d)), start = rng.NextInt(d - h + 1);
                    for (int i = start; i < start + h; i++) row[i] = Math.Clamp(x[b * d + i] + s, 0, 1);
                }
            }
            var m = Margins(c, cand, active.Length, active.Select(b => y[b]).ToArray(), k);
            var next = new List<int>();
            for (int a = 0; a < active.Length; a++)
            {
                int b = active[a];
                if (m[a] < best[b]) { best[b] = m[a]; cand.AsSpan(a * d, d).CopyTo(adv.AsSpan(b * d, d)); }
                if (best[b] >= 0) next.Add(b);
            }
            active = next.ToArray();
        }
        return adv;
    }

    /// <summary>Square attack on one input.</summary>
    public static double[] Perturb(IClassifier c, double[] x, int y, double eps, int queries = 500, ulong seed = 1) => Perturb(c, x, [y], [eps], queries, seed);

    /// <summary>s_y − max_{j≠y} s_j per row: negative once misclassified.</summary>
    private static double[] Margins(IClassifier c, double[] x, int batch, int[] y, int k)
    {
        var s = new double[batch * k];
        c.Scores(x, batch, s);
        var m = new double[batch];
        for (int b = 0; b < batch; b++)
        {
            double other = double.NegativeInfinity;
            for (int j = 0; j < k; j++) if (j != y[b]) other = Math.Max(other, s[b * k + j]);
            m[b] = s[b * k + y[b]] - other;
        }
        return m;
    }
}
