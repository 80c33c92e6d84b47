using Basin.Stability.Classifiers;

namespace Basin.Stability.Attacks;

/// <summary>
/// APGD-T (Croce &amp; Hein, ICML 2020): Auto-PGD (<see cref="AutoPgd"/>) on the targeted DLR loss
/// −(s_y − s_t)/(s_π1 − (s_π3 + s_π4)/2 + 10⁻¹²), run once per target t over the <see cref="Targets"/> classes with the
/// highest clean scores other than y (AutoAttack: 9, i.e. K − 1 on ten classes), each on the images still correctly
/// classified; per image the lowest-margin point over all targets is returned.
/// </summary>
/// <param name="norm">The budget's norm.</param>
public sealed class ApgdT(Norm norm) : IAttack
{
    /// <summary>Target classes per image (capped at K − 1).</summary>
    public const int Targets = 9;

    /// <inheritdoc />
    public string Name => $"apgd-t-{(norm == Norm.LInf ? "linf" : "l2")}";
    /// <inheritdoc />
    public Norm Norm => norm;
    /// <inheritdoc />
    public AttackKind Kind => AttackKind.Gradient;
    /// <inheritdoc />
    public bool MinimalNorm => false;
    /// <inheritdoc />
    public string Description => $"APGD-T, targeted DLR loss over the top {Targets} other classes, {(norm == Norm.LInf ? "L∞" : "L2")} ball (Croce & Hein 2020)";

    /// <inheritdoc />
    public double[]?[] Run(IClassifier classifier, double[] x, int[] y, double[] eps, AttackSettings settings) =>
        Attack.Rows(Perturb(classifier, x, y, eps, norm, settings.Iterations, settings.Restarts, Targets, settings.Seed), classifier.Dimension);

    /// <summary>
    /// APGD-T on the B rows of <paramref name="x"/>: for i = 1..min(<paramref name="targets"/>, K − 1) the i-th highest-scoring
    /// other class at the clean input is the target of an <see cref="AutoPgd"/> run on the rows not yet fooled. Returns the
    /// per-row lowest-margin points (B×D).
    /// </summary>
    public static double[] Perturb(IClassifier c, double[] x, int[] y, double[] eps, Norm norm, int iterations = 100,
        int restarts = 1, int targets = Targets, ulong seed = 1)
    {
        int d = c.Dimension, k = c.Classes, batch = y.Length;
        var s = new double[batch * k];
        c.Scores(x, batch, s);
        var order = new int[batch][];
        for (int b = 0; b < batch; b++)
        {
            var sb = s.AsSpan(b * k, k).ToArray();
            order[b] = Enumerable.Range(0, k).Where(j => j != y[b]).OrderByDescending(j => sb[j]).ToArray();
        }
        var best = (double[])x.Clone();
        var margin = AutoPgd.Margins(c, x, y);
        for (int t = 0; t < Math.Min(targets, k - 1); t++)
        {
            var rows = Enumerable.Range(0, batch).Where(b => margin[b] >= 0).ToArray();
            if (rows.Length == 0) break;
            var xs = rows.SelectMany(b => x.AsSpan(b * d, d).ToArray()).ToArray();
            var ys = rows.Select(b => y[b]).ToArray();
            var (p, mg) = AutoPgd.Perturb(c, xs, ys, rows.Select(b => eps[b]).ToArray(), norm, iterations, restarts,
                targets: rows.Select(b => order[b][t]).ToArray(), seed: seed + (ulong)t);
            for (int a = 0; a < rows.Length; a++)
                if (mg[a] < margin[rows[a]]) { margin[rows[a]] = mg[a]; p.AsSpan(a * d, d).CopyTo(best.AsSpan(rows[a] * d, d)); }
        }
        return best;
    }
}
