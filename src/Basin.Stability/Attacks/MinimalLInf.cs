using Basin.Stability.Classifiers;

namespace Basin.Stability.Attacks;

/// <summary>
/// Smallest L∞ perturbation that flips the decision, per row, by bisection on the budget with PGD (margin loss) as the
/// oracle: from a known adversarial point at budget ε_hi, PGD is run at the midpoint of [ε_lo, ε_hi] for every row in one
/// batch, and the bracket halves <c>rounds</c> times. The result is an upper bound on the true minimal distance (as
/// strong as PGD); rows with an infinite ε_hi keep +∞, rows with a finite ε_hi but no known point start from ε_hi.
/// </summary>
public sealed class MinimalLInf : IAttack
{
    /// <inheritdoc />
    public string Name => "minimal-linf";
    /// <inheritdoc />
    public Norm Norm => Norm.LInf;
    /// <inheritdoc />
    public AttackKind Kind => AttackKind.Gradient;
    /// <inheritdoc />
    public bool MinimalNorm => true;
    /// <inheritdoc />
    public string Description => "minimal L∞: bisection on the budget in [0, 1] with PGD (margin) as the oracle";

    /// <summary>Bisection over [0, 1]; returns per row the PGD point at the smallest budget that flipped it (null if even ε = 1 did not).</summary>
    public double[]?[] Run(IClassifier classifier, double[] x, int[] y, double[] eps, AttackSettings settings)
    {
        int m = y.Length;
        var found = new double[]?[m];
        Search(classifier, x, y, new double[m], Enumerable.Repeat(1.0, m).ToArray(), new double[]?[m], settings.MinimalRounds, settings.Iterations, settings.Seed, found);
        return found;
    }

    /// <summary>Returns ‖x_adv − x‖∞ per row (and, into <paramref name="points"/> when given, the adversarial points PGD found), starting from the brackets [<paramref name="lo"/>, <paramref name="hi"/>].</summary>
    public static double[] Search(IClassifier c, double[] x, int[] y, double[] lo, double[] hi, double[]?[] known, int rounds = 6,
        int iterations = 20, ulong seed = 1, double[]?[]? points = null)
    {
        int d = c.Dimension, batch = y.Length;
        var dist = new double[batch];
        var l = (double[])lo.Clone(); var h = (double[])hi.Clone();
        for (int b = 0; b < batch; b++) dist[b] = known[b] is { } k ? Attack.LInf(k, x.AsSpan(b * d, d)) : hi[b];
        var rows = Enumerable.Range(0, batch).Where(b => double.IsFinite(hi[b])).ToArray();
        for (int r = 0; r < rounds && rows.Length > 0; r++)
        {
            var xs = new double[rows.Length * d];
            var mid = new double[rows.Length];
            for (int a = 0; a < rows.Length; a++) { x.AsSpan(rows[a] * d, d).CopyTo(xs.AsSpan(a * d)); mid[a] = 0.5 * (l[rows[a]] + h[rows[a]]); }
            var ys = rows.Select(b => y[b]).ToArray();
            var adv = Pgd.Perturb(c, xs, ys, mid, Norm.LInf, iterations, 1, AttackLoss.Margin, seed + (ulong)r);
            var pred = Classifier.Predict(c, adv, rows.Length);
            for (int a = 0; a < rows.Length; a++)
            {
                int b = rows[a];
                if (pred[a] != y[b])
                {
                    h[b] = mid[a];
                    double dd = Attack.LInf(adv.AsSpan(a * d, d), x.AsSpan(b * d, d));
                    if (dd <= dist[b] || points?[b] is null) { dist[b] = Math.Min(dist[b], dd); if (points != null) points[b] = adv.AsSpan(a * d, d).ToArray(); }
                }
                else l[b] = mid[a];
            }
        }
        return dist;
    }
}
