using Basin.Stability.Classifiers;

namespace Basin.Stability.Attacks;

/// <summary>
/// AutoAttack's standard composition (Croce &amp; Hein, ICML 2020, §5), for L∞ and L2 alike: APGD-CE on every image, then
/// APGD-T on the images still correctly classified, then FAB-T on those still correct, then the score-based Square attack
/// on those still correct; per image the first point that fools the model is kept, else the APGD-CE point. AutoAttack's
/// budgets are 100 steps, one restart and 5 000 Square queries (<see cref="Standard"/>); <see cref="AttackSettings.Iterations"/>
/// (APGD and FAB steps), <see cref="AttackSettings.Restarts"/> and <see cref="AttackSettings.Queries"/> are used as given.
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
    public string Description => $"AutoAttack standard at {(norm == Norm.LInf ? "L∞" : "L2")}: APGD-CE, APGD-T, FAB-T, Square on the images still correct, per-image worst case (Croce & Hein 2020)";

    /// <summary>The attacks in the order they run.</summary>
    public IReadOnlyList<IAttack> Components => [new ApgdCe(norm), new ApgdT(norm), new FabT(norm), new SquareAttack(norm)];

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
