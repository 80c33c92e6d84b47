using System.Text.Json.Serialization;
using Basin.Data;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;
using Basin.Tensors.Statistics;

namespace Basin.Stability;

/// <summary>What <see cref="AttackEvaluation"/> runs.</summary>
/// <param name="Epsilon">Budget ε in the attack's norm (ignored by minimal-norm attacks).</param>
/// <param name="Count">Attack the first this-many images.</param>
/// <param name="BatchSize">Images attacked together.</param>
/// <param name="Settings">Iterations, restarts, queries, surrogate and seed of the attack.</param>
public sealed record AttackEvaluationOptions(double Epsilon, int Count, int BatchSize, AttackSettings Settings)
{
    /// <summary>
    /// Crafting models of a gradient attack (<see cref="CraftingHorizon"/>: SA-nODE crafting horizons); each runs in turn on
    /// the images the classifier still gets right, and every point is judged by the classifier itself. Null: the attack
    /// runs on the classifier.
    /// </summary>
    public IReadOnlyList<CraftingHorizon>? Crafting { get; init; }

    /// <summary>
    /// Run the gradient-free attacks of the norm (Square and SPSA, <see cref="AttackSettings.Queries"/> queries) on the
    /// judged classifier at the same budget on the first this-many images, beside a gradient attack: the masking gap as a
    /// number. 0: not run.
    /// </summary>
    public int GradientFreeCount { get; init; }
}

/// <summary>One image of a cascade (AutoAttack or crafting horizons).</summary>
/// <param name="Index">Index in the dataset.</param>
/// <param name="Label">Its label.</param>
/// <param name="Winner">The attack that fooled it first (<c>clean</c>: misclassified already; null: robust).</param>
/// <param name="WinningHorizon">The crafting horizon of that attack (null: none, a gradient-free win, or robust).</param>
public sealed record AttackImageOutcome(int Index, int Label, string? Winner, string? WinningHorizon);

/// <summary>A gradient-free attack beside the gradient attack, on the same images and budget.</summary>
/// <param name="Attack">Its catalogue name.</param>
/// <param name="Images">Images it ran on (the first of the run).</param>
/// <param name="RobustAccuracy">Share of those images correct and not fooled by it.</param>
/// <param name="GradientRobustAccuracy">Share of the same images correct and not fooled by the gradient attack (every crafting horizon; for AutoAttack its gradient stages).</param>
/// <param name="OnlyWins">Images it fooled that the gradient attack did not: gradient masking, counted.</param>
public sealed record GradientFreeOutcome(string Attack, int Images, double RobustAccuracy, double GradientRobustAccuracy, int OnlyWins)
{
    /// <summary>Gradient-based minus gradient-free robust accuracy: &gt; 0 means the gradients missed points a search without them found.</summary>
    public double Gap => GradientRobustAccuracy - RobustAccuracy;
}

/// <summary>The outcome of one attack over a dataset prefix.</summary>
/// <param name="Model">The classifier's name.</param>
/// <param name="Horizon">The SA-nODE integration horizon T, for SA-nODE models.</param>
/// <param name="Attack">The attack's catalogue name.</param>
/// <param name="Norm">"linf" or "l2".</param>
/// <param name="Kind">What the attack sees of the model.</param>
/// <param name="Eps">The budget (null for a minimal-norm attack).</param>
/// <param name="Count">Images attacked.</param>
/// <param name="CleanAccuracy">Share correctly classified.</param>
/// <param name="RobustAccuracy">Share correctly classified and not flipped within ε (null for a minimal-norm attack).</param>
/// <param name="MedianDistance">Median minimal distance in the attack's norm (minimal-norm attacks; +∞ for images never flipped).</param>
/// <param name="MedianCi95">Its 95 % bootstrap interval.</param>
/// <param name="Reference">The reference attack of the per-image masking check.</param>
/// <param name="ReferenceOnlyFailures">Images where the check found the attack weaker than it must be.</param>
/// <param name="MaskingSuspected">Whether any such image exists.</param>
/// <param name="Iterations">Iterations the attack ran with.</param>
/// <param name="Restarts">Restarts it ran with.</param>
/// <param name="Examples">Up to 8 successful adversarial examples.</param>
public sealed record AttackEvaluationResult(string Model, double? Horizon, string Attack, string Norm, string Kind, double? Eps, int Count,
    double CleanAccuracy, double? RobustAccuracy, double? MedianDistance, double[]? MedianCi95, string Reference, int ReferenceOnlyFailures,
    bool MaskingSuspected, int Iterations, int Restarts, [property: JsonIgnore] List<AdversarialExample> Examples)
{
    /// <summary>For AutoAttack: images of the attacked (correctly classified) ones fooled first by each component; else null.</summary>
    public IReadOnlyDictionary<string, int>? Wins { get; init; }

    /// <summary>The crafting horizons the gradient attacks ran at, in order (null: crafted on the classifier itself).</summary>
    public IReadOnlyList<string>? CraftingHorizons { get; init; }

    /// <summary>Images fooled first at each crafting horizon (null without crafting horizons).</summary>
    public IReadOnlyDictionary<string, int>? HorizonWins { get; init; }

    /// <summary>Per image of a cascade (AutoAttack or crafting horizons): the winning attack and crafting horizon; else null.</summary>
    public IReadOnlyList<AttackImageOutcome>? Images { get; init; }

    /// <summary>The gradient-free attacks beside it (<see cref="AttackEvaluationOptions.GradientFreeCount"/>); else null.</summary>
    public IReadOnlyList<GradientFreeOutcome>? GradientFree { get; init; }
}

/// <summary>
/// One attack of the catalogue on the first N test images — robust accuracy at a budget, or the median minimal distance of
/// a minimal-norm attack — with a per-image masking check against a reference on the same images (Carlini et al. 2019):
/// a gradient attack must beat random noise of its budget; score-only and transfer attacks must never succeed where PGD
/// (margin, 2 restarts) fails at the same budget; a decision-only minimal-norm attack must never find a distance where
/// PGD and the gradient minimal-norm attacks of its norm find nothing.
/// </summary>
public static class AttackEvaluation
{
    /// <summary>The reference of the masking check of <paramref name="attack"/>, in words.</summary>
    public static string Reference(IAttack attack)
    {
        string n = attack.Norm == Norm.L2 ? "L2" : "L∞";
        return (attack.Kind, attack.MinimalNorm) switch
        {
            (AttackKind.Random, _) or (AttackKind.Gradient, true) => "none",
            (AttackKind.Gradient, false) => $"random {n} noise at the same budget",
            (_, false) => $"PGD-{n} (margin, 2 restarts) at the same ε",
            (_, true) => $"PGD-{n} (margin, 2 restarts) at the distance found, and the gradient minimal-{n} attacks",
        };
    }

    /// <summary>Runs <paramref name="attack"/> on the first <see cref="AttackEvaluationOptions.Count"/> images of <paramref name="data"/>.</summary>
    public static AttackEvaluationResult Run(IClassifier c, LabeledImages data, IAttack attack, AttackEvaluationOptions o,
        IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        if (data.PixelsPerImage != c.Dimension) throw new ArgumentException($"Images have {data.PixelsPerImage} pixels; the classifier expects {c.Dimension}.");
        var judge = c;
        c = CancellableClassifier.Wrap(c, cancel);   // every query checks the token, so a long batch stops within one query
        var crafting = o.Crafting?.Select(h => h with { Crafter = CancellableClassifier.Wrap(h.Crafter, cancel) }).ToList();
        int n = Math.Min(o.Count, data.Count), d = c.Dimension;
        if (n < 1 || o.BatchSize < 1) throw new ArgumentException("The count and the batch size must be ≥ 1.");
        if (!attack.MinimalNorm && !(o.Epsilon > 0)) throw new ArgumentException($"{attack.Name} needs a budget ε > 0.");
        int clean = 0, robust = 0, wins = 0;
        bool cascade = attack is AutoAttack || (o.Crafting is { Count: > 0 } && attack.Kind == AttackKind.Gradient && !attack.MinimalNorm);
        if (o.Crafting is { Count: > 0 } && !cascade) throw new ArgumentException($"{attack.Name} is not a gradient budget attack; crafting horizons apply to those only.");
        var firstWins = attack is AutoAttack aa ? aa.Components.ToDictionary(x => x.Name, _ => 0) : null;
        var horizonWins = o.Crafting is { Count: > 0 } cr ? cr.ToDictionary(h => h.Label, _ => 0) : null;
        var images = cascade ? new List<AttackImageOutcome>() : null;
        var free = o.GradientFreeCount > 0 && !attack.MinimalNorm
            ? new[] { $"square-{Suffix(attack.Norm)}", $"spsa-{Suffix(attack.Norm)}" }.Select(AttackCatalogue.Find).ToArray() : [];
        var freeRobust = new int[free.Length];
        var freeOnly = new int[free.Length];
        int freeImages = 0, gradientRobustOnFree = 0;
        var distances = new List<double>();
        var examples = new List<AdversarialExample>();
        ulong seed = o.Settings.Seed;
        foreach (var batch in ImageBatch.Split(data, 0, n, o.BatchSize))
        {
            cancel.ThrowIfCancellationRequested();
            var pred = Classifier.Predict(c, batch.Pixels, batch.Count);
            var ok = Enumerable.Range(0, batch.Count).Where(i => pred[i] == batch.Labels[i]).ToArray();
            clean += ok.Length;
            if (images != null)
                foreach (var i in Enumerable.Range(0, batch.Count).Where(i => pred[i] != batch.Labels[i]))
                    images.Add(new AttackImageOutcome(batch.Start + i, batch.Labels[i], "clean", null));
            if (ok.Length > 0)
            {
                var xs = RobustnessEvaluation.Gather(batch.Pixels, ok, d);
                var ys = ok.Select(i => batch.Labels[i]).ToArray();
                var ev = Enumerable.Repeat(o.Epsilon, ys.Length).ToArray();
                var settings = o.Settings with { Seed = seed++ };
                double[]?[] adv;
                string?[]? winner = null;
                bool[]? gradientFooled = null;
                if (cascade)
                {
                    var r = attack is AutoAttack auto ? auto.Evaluate(c, xs, ys, ev, settings, crafting)
                        : AutoAttack.Cascade(c, xs, ys, ev, settings, crafting!.Select(h => new AttackStage(attack, h.Crafter, h.Label)).ToArray());
                    adv = r.Points;
                    winner = r.Winner;
                    gradientFooled = r.Winner.Select(w => w == "clean" || (w != null && AttackCatalogue.Find(w).Kind == AttackKind.Gradient)).ToArray();
                    if (firstWins != null) foreach (var (name, count) in r.Wins) firstWins[name] = firstWins.GetValueOrDefault(name) + count;
                    if (horizonWins != null) foreach (var (h, count) in r.HorizonWins) horizonWins[h] += count;
                    for (int a = 0; a < ys.Length; a++) images!.Add(new AttackImageOutcome(batch.Start + ok[a], ys[a], r.Winner[a], r.Horizon[a]));
                }
                else adv = attack.Run(c, xs, ys, ev, settings);
                var found = Attack.Succeeded(c, adv, ys);
                for (int a = 0; a < ys.Length; a++)
                {
                    if (attack.MinimalNorm) distances.Add(found[a] ? Attack.Distance(adv[a]!, xs.AsSpan(a * d, d), attack.Norm) : double.PositiveInfinity);
                    else if (!found[a]) robust++;
                    if (found[a] && examples.Count < 8)
                        examples.Add(new AdversarialExample(attack.Name, ys[a], Attack.Predict(c, adv[a]!), xs.AsSpan(a * d, d).ToArray(), adv[a]!));
                }
                wins += ReferenceCheck(c, attack, xs, ys, ev, found, adv, o.Settings with { Seed = seed++ });
                // the gradient-free side, on the correct images among the first GradientFreeCount
                var sub = Enumerable.Range(0, ys.Length).Where(a => batch.Start + ok[a] < o.GradientFreeCount).ToArray();
                if (free.Length > 0) freeImages += Enumerable.Range(0, batch.Count).Count(i => batch.Start + i < o.GradientFreeCount);
                if (free.Length > 0 && sub.Length > 0)
                {
                    var fx = RobustnessEvaluation.Gather(xs, sub, d);
                    var fy = sub.Select(a => ys[a]).ToArray();
                    var fe = sub.Select(a => ev[a]).ToArray();
                    var gradFooled = sub.Select(a => gradientFooled?[a] ?? found[a]).ToArray();
                    gradientRobustOnFree += gradFooled.Count(f => !f);
                    for (int f = 0; f < free.Length; f++)
                    {
                        var fooled = Attack.Succeeded(c, free[f].Run(c, fx, fy, fe, o.Settings with { Seed = seed + 1000 + (ulong)f }), fy);
                        freeRobust[f] += fooled.Count(v => !v);
                        freeOnly[f] += Enumerable.Range(0, fy.Length).Count(q => fooled[q] && !gradFooled[q]);
                    }
                }
            }
            progress?.Report(batch.Start + batch.Count);
        }
        var (med, lo, hi) = Summary.MedianWithBootstrapCi(distances, seed: 7);
        return new AttackEvaluationResult(c.Name, judge is SaNodeClassifier s ? s.Horizon : null, attack.Name, attack.Norm == Norm.L2 ? "l2" : "linf",
            AttackCatalogue.KindName(attack.Kind), attack.MinimalNorm ? null : o.Epsilon, n, (double)clean / n, attack.MinimalNorm ? null : (double)robust / n,
            attack.MinimalNorm ? med : null, attack.MinimalNorm ? [lo, hi] : null, Reference(attack), wins, wins > 0,
            o.Settings.Iterations, o.Settings.Restarts, examples)
        {
            Wins = firstWins,
            CraftingHorizons = o.Crafting?.Select(h => h.Label).ToArray(),
            HorizonWins = horizonWins,
            Images = images,
            GradientFree = free.Length == 0 ? null : free.Select((a, f) => new GradientFreeOutcome(a.Name, freeImages,
                (double)freeRobust[f] / Math.Max(1, freeImages), (double)gradientRobustOnFree / Math.Max(1, freeImages), freeOnly[f])).ToArray(),
        };
    }

    private static string Suffix(Norm norm) => norm == Norm.L2 ? "l2" : "linf";

    /// <summary>Images where the reference contradicts the attack (see <see cref="AttackEvaluation"/>).</summary>
    private static int ReferenceCheck(IClassifier c, IAttack attack, double[] xs, int[] ys, double[] ev, bool[] found, double[]?[] adv, AttackSettings s)
    {
        int d = c.Dimension, m = ys.Length, wins = 0;
        string suffix = attack.Norm == Norm.L2 ? "l2" : "linf";
        var pgd = AttackCatalogue.Find($"pgd-margin-{suffix}");
        switch (attack.Kind, attack.MinimalNorm)
        {
            case (AttackKind.Random, _) or (AttackKind.Gradient, true):
                return 0;
            case (AttackKind.Gradient, false):
                var noise = Attack.Succeeded(c, AttackCatalogue.Find($"noise-{suffix}").Run(c, xs, ys, ev, s), ys);
                for (int a = 0; a < m; a++) if (noise[a] && !found[a]) wins++;
                return wins;
            case (_, false):
                var p = Attack.Succeeded(c, pgd.Run(c, xs, ys, ev, s with { Iterations = 20, Restarts = 2 }), ys);
                for (int a = 0; a < m; a++) if (found[a] && !p[a]) wins++;
                return wins;
            default:
                var dist = Enumerable.Range(0, m).Select(a => found[a] ? Attack.Distance(adv[a]!, xs.AsSpan(a * d, d), attack.Norm) * 1.0001 : 1.0).ToArray();
                var pl = Attack.Succeeded(c, pgd.Run(c, xs, ys, dist, s with { Iterations = 20, Restarts = 2 }), ys);
                var white = AttackCatalogue.All.Where(x => x.Norm == attack.Norm && x.MinimalNorm && x.Kind == AttackKind.Gradient)
                    .Select(x => (Attack: x, Adv: x.Run(c, xs, ys, dist, s))).ToList();
                for (int a = 0; a < m; a++)
                    if (found[a] && !pl[a] && !white.Any(w => w.Adv[a] is { } z && Attack.Predict(c, z) != ys[a]
                            && Attack.Distance(z, xs.AsSpan(a * d, d), attack.Norm) <= dist[a])) wins++;
                return wins;
        }
    }
}
