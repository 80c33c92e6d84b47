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
    public AutoAttackResult Evaluate(IClassifier c, double[] x, int[] y, double[] eps, AttackSettings settings) =>
        Evaluate(c, x, y, eps, settings, null);

    /// <summary>
    /// The composition with crafting horizons (<see cref="CraftingHorizon"/>): for each crafting model in turn, APGD-CE, APGD-T
    /// and FAB-T run on it and their points are judged by <paramref name="c"/>; then Square queries <paramref name="c"/>
    /// itself. Every stage sees only the images still correct under <paramref name="c"/>; per image the first point that
    /// fools <paramref name="c"/> is kept with the attack and the crafting horizon that found it. Null or empty
    /// <paramref name="crafting"/>: every attack runs on <paramref name="c"/> (AutoAttack's standard run).
    /// </summary>
    public AutoAttackResult Evaluate(IClassifier c, double[] x, int[] y, double[] eps, AttackSettings settings, IReadOnlyList<CraftingHorizon>? crafting)
    {
        var stages = new List<AttackStage>();
        var gradient = Components.Where(a => a.Kind == AttackKind.Gradient).ToArray();
        if (crafting is { Count: > 0 })
            foreach (var h in crafting) stages.AddRange(gradient.Select(a => new AttackStage(a, h.Crafter, h.Label)));
        else stages.AddRange(gradient.Select(a => new AttackStage(a, c, null)));
        stages.AddRange(Components.Where(a => a.Kind != AttackKind.Gradient).Select(a => new AttackStage(a, c, null)));
        return Cascade(c, x, y, eps, settings, stages);
    }

    /// <summary>
    /// Runs <paramref name="stages"/> in order, each on the rows still correctly classified by the judge <paramref name="c"/>
    /// after the stages before it; a stage's point that <paramref name="c"/> misclassifies is kept with the stage's attack
    /// and horizon. Rows never fooled keep the first APGD-CE point (else the clean input).
    /// </summary>
    public static AutoAttackResult Cascade(IClassifier c, double[] x, int[] y, double[] eps, AttackSettings settings, IReadOnlyList<AttackStage> stages)
    {
        int d = c.Dimension, n = y.Length;
        var points = Attack.Rows(x, d);
        var winner = new string?[n];
        var horizon = new string?[n];
        var kept = new bool[n];
        var clean = Classifier.Predict(c, x, n);
        for (int b = 0; b < n; b++) if (clean[b] != y[b]) winner[b] = "clean";
        foreach (var st in stages)
        {
            var rows = Enumerable.Range(0, n).Where(b => winner[b] == null).ToArray();
            if (rows.Length == 0) break;
            var xs = rows.SelectMany(b => x.AsSpan(b * d, d).ToArray()).ToArray();
            var ys = rows.Select(b => y[b]).ToArray();
            var adv = st.Attack.Run(st.Target, xs, ys, rows.Select(b => eps[b]).ToArray(), settings);
            var ok = Attack.Succeeded(c, adv, ys);
            for (int q = 0; q < rows.Length; q++)
            {
                int b = rows[q];
                if (ok[q]) { points[b] = adv[q]; winner[b] = st.Attack.Name; horizon[b] = st.Horizon; }
                else if (st.Attack is ApgdCe && !kept[b] && adv[q] is { } p) { points[b] = p; kept[b] = true; }
            }
        }
        return new AutoAttackResult(points, winner) { Horizon = horizon };
    }
}

/// <summary>One stage of a cascade: an attack, the model it runs on (a crafting model, or the judged model itself) and the crafting horizon's label (null: none).</summary>
public sealed record AttackStage(IAttack Attack, IClassifier Target, string? Horizon);

/// <summary>Per image the point AutoAttack keeps and the attack that fooled the model first (null: robust; <c>clean</c>: misclassified already).</summary>
public sealed record AutoAttackResult(double[]?[] Points, string?[] Winner)
{
    /// <summary>Share of images still correctly classified.</summary>
    public double RobustAccuracy => Winner.Count(w => w == null) / (double)Math.Max(1, Winner.Length);

    /// <summary>Images fooled first by each attack (and <c>clean</c>), in order of appearance.</summary>
    public IReadOnlyDictionary<string, int> Wins => Winner.Where(w => w != null).GroupBy(w => w!).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Per image the label of the crafting horizon of the winning attack (null: none, or a gradient-free or clean win).</summary>
    public string?[] Horizon { get; init; } = new string?[Winner.Length];

    /// <summary>Images fooled first at each crafting horizon.</summary>
    public IReadOnlyDictionary<string, int> HorizonWins => Horizon.Where(h => h != null).GroupBy(h => h!).ToDictionary(g => g.Key, g => g.Count());
}
