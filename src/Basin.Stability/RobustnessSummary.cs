using Basin.Tensors.Statistics;

namespace Basin.Stability;

/// <summary>
/// The aggregates of a robustness evaluation computed from its per-image outcomes alone: robust accuracy per attack and
/// budget (unbroken correct images over the images of the attack's subset), the per-image worst case, the worst case on
/// the extended budgets until it reaches 0, medians of the minimal distances with 95 % percentile-bootstrap intervals
/// (<see cref="Summary.MedianWithBootstrapCi"/>, seed 7), and the <see cref="SanityChecks"/>. Because nothing else enters,
/// aggregating the concatenation of runs over disjoint image ranges equals aggregating the whole run.
/// </summary>
public static class RobustnessSummary
{
    /// <summary>Aggregates one run.</summary>
    public static RobustnessResult Aggregate(RobustnessRun run)
    {
        var images = run.Images;
        int count = images.Count;
        var correct = images.Where(i => i.Correct).ToList();
        var linf = Curves("linf", run.LInfEpsilons, run.LInfLadder, images.Select(i => i.LInf).ToList(), run.ExtendUntilZero);
        var l2 = Curves("l2", run.L2Epsilons, run.L2Ladder, images.Select(i => i.L2).ToList(), run.ExtendUntilZero);
        var wins = new Dictionary<string, int>();
        foreach (var i in correct)
            foreach (var (k, v) in i.BlackBoxOnlyWins) wins[k] = wins.GetValueOrDefault(k) + v;
        var checks = SanityChecks.Evaluate(linf, l2, wins, run.Tolerance);
        var grad = correct.Select(i => i.GradientNorm!.Value).ToArray();
        var lips = correct.Where(i => i.Lipschitz != null).Select(i => i.Lipschitz!.Value).ToArray();
        return new RobustnessResult(run.Model, count, count == 0 ? double.NaN : (double)correct.Count / count, linf, l2,
            Distances("worst case over the white-box and decision-only attacks", correct.Select(i => i.MinimalL2)),
            Distances("white-box (gradient attacks)", correct.Select(i => i.MinimalL2WhiteBox)),
            Distances("decision-only", correct.Select(i => i.MinimalL2DecisionOnly)),
            Distances("PGD bisection on the L∞ budget", correct.Select(i => i.MinimalLInf)),
            grad, Summary.Median(grad), lips, Summary.Median(lips), checks, wins, SanityChecks.MaskingSuspected(checks),
            images.Where(i => i.Example != null).Take(8).Select(i => i.Example!).ToList());
    }

    private static DistanceSummary Distances(string source, IEnumerable<double?> values)
    {
        var v = values.Where(x => x != null).Select(x => x!.Value).ToArray();
        var (med, lo, hi) = Summary.MedianWithBootstrapCi(v, seed: 7);
        return new DistanceSummary(source, v.Length, med, lo, hi, v);
    }

    private static NormCurves Curves(string norm, double[] eps, double[] ladder, List<ImageCurves> images, bool extend)
    {
        int n = images.Count;
        var names = new List<string>();
        foreach (var i in images) foreach (var k in i.Robust.Keys) if (!names.Contains(k)) names.Add(k);
        var attacks = names.Select(name =>
        {
            var member = images.Where(i => i.Robust.ContainsKey(name)).Select(i => i.Robust[name]).ToList();
            return new AttackCurve(name, member.Count, Enumerable.Range(0, eps.Length)
                .Select(e => member.Count == 0 ? double.NaN : (double)member.Count(r => r[e]) / member.Count).ToArray());
        }).ToList();
        var worst = Enumerable.Range(0, eps.Length).Select(e => (double)images.Count(i => i.WorstRobust[e]) / n).ToArray();
        var ladderRobust = Enumerable.Range(0, ladder.Length).Select(j => (double)images.Count(i => i.LadderSurvived > j) / n).ToArray();
        int used = 0;
        if (extend && worst.Length > 0 && worst[^1] > 0)
            while (used < ladder.Length) { used++; if (ladderRobust[used - 1] == 0) break; }
        return new NormCurves(norm, eps, attacks, worst, ladder.Take(used).ToArray(), ladderRobust.Take(used).ToArray());
    }
}
