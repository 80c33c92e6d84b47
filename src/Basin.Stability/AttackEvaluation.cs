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
public sealed record AttackEvaluationOptions(double Epsilon, int Count, int BatchSize, AttackSettings Settings);

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
        int n = Math.Min(o.Count, data.Count), d = c.Dimension;
        if (n < 1 || o.BatchSize < 1) throw new ArgumentException("The count and the batch size must be ≥ 1.");
        if (!attack.MinimalNorm && !(o.Epsilon > 0)) throw new ArgumentException($"{attack.Name} needs a budget ε > 0.");
        int clean = 0, robust = 0, wins = 0;
        var firstWins = attack is AutoAttack aa ? aa.Components.ToDictionary(x => x.Name, _ => 0) : null;
        var distances = new List<double>();
        var examples = new List<AdversarialExample>();
        ulong seed = o.Settings.Seed;
        foreach (var batch in ImageBatch.Split(data, 0, n, o.BatchSize))
        {
            cancel.ThrowIfCancellationRequested();
            var pred = Classifier.Predict(c, batch.Pixels, batch.Count);
            var ok = Enumerable.Range(0, batch.Count).Where(i => pred[i] == batch.Labels[i]).ToArray();
            clean += ok.Length;
            if (ok.Length > 0)
            {
                var xs = RobustnessEvaluation.Gather(batch.Pixels, ok, d);
                var ys = ok.Select(i => batch.Labels[i]).ToArray();
                var ev = Enumerable.Repeat(o.Epsilon, ys.Length).ToArray();
                double[]?[] adv;
                if (attack is AutoAttack auto)
                {
                    var r = auto.Evaluate(c, xs, ys, ev, o.Settings with { Seed = seed++ });
                    adv = r.Points;
                    foreach (var (name, count) in r.Wins) firstWins![name] = firstWins.GetValueOrDefault(name) + count;
                }
                else adv = attack.Run(c, xs, ys, ev, o.Settings with { Seed = seed++ });
                var found = Attack.Succeeded(c, adv, ys);
                for (int a = 0; a < ys.Length; a++)
                {
                    if (attack.MinimalNorm) distances.Add(found[a] ? Attack.Distance(adv[a]!, xs.AsSpan(a * d, d), attack.Norm) : double.PositiveInfinity);
                    else if (!found[a]) robust++;
                    if (found[a] && examples.Count < 8)
                        examples.Add(new AdversarialExample(attack.Name, ys[a], Attack.Predict(c, adv[a]!), xs.AsSpan(a * d, d).ToArray(), adv[a]!));
                }
                wins += ReferenceCheck(c, attack, xs, ys, ev, found, adv, o.Settings with { Seed = seed++ });
            }
            progress?.Report(batch.Start + batch.Count);
        }
        var (med, lo, hi) = Summary.MedianWithBootstrapCi(distances, seed: 7);
        return new AttackEvaluationResult(c.Name, c is SaNodeClassifier s ? s.Horizon : null, attack.Name, attack.Norm == Norm.L2 ? "l2" : "linf",
            AttackCatalogue.KindName(attack.Kind), attack.MinimalNorm ? null : o.Epsilon, n, (double)clean / n, attack.MinimalNorm ? null : (double)robust / n,
            attack.MinimalNorm ? med : null, attack.MinimalNorm ? [lo, hi] : null, Reference(attack), wins, wins > 0,
            o.Settings.Iterations, o.Settings.Restarts, examples) { Wins = firstWins };
    }

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
