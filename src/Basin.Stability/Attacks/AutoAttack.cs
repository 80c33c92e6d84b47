using Basin.Stability.Classifiers;

namespace Basin.Stability.Attacks;

/// <summary>
/// AutoAttack's standard composition (Croce &amp; Hein, ICML 2020, §5): APGD-CE on every image, then APGD-T on the images
/// still correctly classified, then (L∞ only) the score-based Square attack on those still correct; per image the first
/// point that fools the model is kept, else the APGD-CE point. AutoAttack's standard run also has FAB-T between APGD-T and
/// Square, which Basin does not implement, and its L2 run uses an L2 Square, which Basin does not have either: the L2
/// composition here is APGD-CE then APGD-T. AutoAttack's budgets are 100 steps, one restart and 5 000 Square queries
/// (<see cref="Standard"/>); <see cref="AttackSettings.Iterations"/>, <see cref="AttackSettings.Restarts"/> and
/// <see cref="AttackSettings.Queries"/> are used as given.
/// </summary>
/// <param name="norm">The budget's norm.</param>
public sealed class AutoAttack(Norm norm) : IAttack
{
    /// <summary>AutoAttack's standard budgets: 100 APGD steps, 1 restart, 5 000 Square queries.</summary>
    public static AttackSettings Standard { get; } = new(Iterations: 100, Restarts: 1, Queries: 5000);

    /// <inheritdoc />
    public string Name => $"autoattack-{(norm == Norm.LInf ? "linf" : "l2")}";
    /// <inheritdoc />
    public Norm Norm => norm;
    /// <inheritdoc />
    public AttackKind Kind => AttackKind.Gradient;
    /// <inheritdoc />
    public bool MinimalNorm => false;
    /// <inheritdoc />
    public string Description => norm == Norm.LInf
        ? "AutoAttack standard without FAB-T: APGD-CE, APGD-T, Square on the images still correct, per-image worst case (Croce & Hein 2020)"
        : "AutoAttack standard at L2 without FAB-T and Square: APGD-CE, then APGD-T on the images still correct (Croce & Hein 2020)";

    /// <summary>The attacks in the order they run.</summary>
    public IReadOnlyList<IAttack> Components => norm == Norm.LInf
        ? [new ApgdCe(norm), new ApgdT(norm), new SquareAttack()]
        : [new ApgdCe(norm), new ApgdT(norm)];

    /// <inheritdoc />
    public double[]?[] Run(IClassifier classifier, double[] x, int[] y, double[] eps, AttackSettings settings) =>
        Evaluate(classifier, x, y, eps, settings).Points;

    /// <summary>
    /// Runs the composition on the B rows of <paramref name="x"/>. Returns per row the kept point and the name of the
    /// attack that fooled the model first (<c>clean</c> when the clean input is already misclassified, null when the image
    /// stayed correctly classified under every attack).
    /// </summary>
    public AutoAttackResult Evaluate(IClassifier c, double[] x, int[] y, double[] eps, AttackSettings settings)
    {
        int d = c.Dimension, n = y.Length;
        var points = Attack.Rows(x, d);
        var winner = new string?[n];
        var clean = Classifier.Predict(c, x, n);
        for (int b = 0; b < n; b++) if (clean[b] != y[b]) winner[b] = "clean";
        foreach (var a in Components)
        {
            var rows = Enumerable.Range(0, n).Where(b => winner[b] == null).ToArray();
            if (rows.Length == 0) break;
            var xs = rows.SelectMany(b => x.AsSpan(b * d, d).ToArray()).ToArray();
            var ys = rows.Select(b => y[b]).ToArray();
            var adv = a.Run(c, xs, ys, rows.Select(b => eps[b]).ToArray(), settings);
            var ok = Attack.Succeeded(c, adv, ys);
            for (int q = 0; q < rows.Length; q++)
            {
                if (ok[q]) { points[rows[q]] = adv[q]; winner[rows[q]] = a.Name; }
                else if (a is ApgdCe && adv[q] is { } p) points[rows[q]] = p;
            }
        }
        return new AutoAttackResult(points, winner);
    }
}

/// <summary>Per image the point AutoAttack keeps and the attack that fooled the model first (null: robust; <c>clean</c>: misclassified already).</summary>
public sealed record AutoAttackResult(double[]?[] Points, string?[] Winner)
{
    /// <summary>Share of images still correctly classified.</summary>
    public double RobustAccuracy => Winner.Count(w => w == null) / (double)Math.Max(1, Winner.Length);

    /// <summary>Images fooled first by each attack (and <c>clean</c>), in order of appearance.</summary>
    public IReadOnlyDictionary<string, int> Wins => Winner.Where(w => w != null).GroupBy(w => w!).ToDictionary(g => g.Key, g => g.Count());
}
